// /remove with a shared database (DATABASE_URL): the removal was recorded for every instance
// before the file here was deleted, so a file this user may not delete (EACCES) stayed here,
// the admin was told nothing was removed, yet the other instances deleted their copies at their
// next build (and an uploaded one was never written back). Now the file here goes first, and the
// removal is recorded only once it is gone; a record that fails puts the file back.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { postgresSharedArticles, type SharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { usePglite } from "../helpers/pglite.js";
import { openSharedInstance } from "../helpers/shared-instance.js";
import { tempSeedsRemovedAfterAll } from "../helpers/temp-seeds.js";

// Files whose deletion is refused, as for a folder this user may not write to (run as root,
// a mode would not stop it).
const { denied } = vi.hoisted(() => ({ denied: new Set<string>() }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const unlink: typeof real.unlink = async (file) => {
    if (denied.has(String(file))) throw Object.assign(new Error(`EACCES: permission denied, unlink '${String(file)}'`), { code: "EACCES" });
    return real.unlink(file);
  };
  return { ...real, unlink, default: { ...real, unlink } };
});

const PORT = new TextEncoder().encode(" date 2026-03-02 Новий річковий порт у Херсоні прийняв перше судно.");

const pg = usePglite();
const tempSeeds = tempSeedsRemovedAfterAll();

/** An instance on `schema` (one for each test: what one leaves recorded is not the other's). */
const instance = (seedsDir: string, schema: string, shared?: SharedArticles): Promise<LocalKnowledgeBase> => openSharedInstance(pg.db, seedsDir, schema, shared);

const rowsOf = async (table: string, name: string) => (await pg.lite.query(`SELECT 1 FROM refused.${table} WHERE file_name = $1`, [name])).rows.length;

describe("a removal with a shared database", () => {
  it("whose file here may not be deleted (EACCES) is refused and recorded nowhere: the other instances keep their copies", async () => {
    const a = await tempSeeds();
    const b = await tempSeeds();
    const first = await instance(a.seeds, "refused");
    await first.addArticle("Порт.txt", PORT);
    await first.reindex();
    const second = await instance(b.seeds, "refused");
    expect(await readdir(b.seeds)).toContain("Порт.txt");

    denied.add(join(a.seeds, "Порт.txt"));
    denied.add(join(a.seeds, "bees.md"));
    await expect(first.removeArticle("Порт.txt")).rejects.toMatchObject({ code: "EACCES" });
    await expect(first.removeArticle("bees.md")).rejects.toMatchObject({ code: "EACCES" });
    denied.clear();
    expect(await readdir(a.seeds)).toEqual(expect.arrayContaining(["Порт.txt", "bees.md"]));
    expect(await rowsOf("removed_articles", "Порт.txt")).toBe(0);
    expect(await rowsOf("removed_articles", "bees.md")).toBe(0);
    expect(await rowsOf("uploaded_articles", "Порт.txt")).toBe(1);
    // The other instance's next build keeps both, as does a folder that never had the upload.
    await second.reindex();
    expect(await readdir(b.seeds)).toEqual(expect.arrayContaining(["Порт.txt", "bees.md"]));
    const c = await tempSeeds();
    await instance(c.seeds, "refused");
    expect(await readdir(c.seeds)).toContain("Порт.txt");
  });

  it("whose record fails (the database gone) puts the file back as it was, and says why", async () => {
    const a = await tempSeeds();
    const shared = postgresSharedArticles(pg.db, "unrecorded", "pglite");
    const kb = await instance(a.seeds, "unrecorded", { ...shared, remove: async () => Promise.reject(new Error("Connection terminated unexpectedly")) });
    const before = await readFile(join(a.seeds, "bees.md"));
    await expect(kb.removeArticle("bees.md")).rejects.toThrow("Connection terminated unexpectedly");
    expect(await readFile(join(a.seeds, "bees.md"))).toEqual(before);
  });
});
