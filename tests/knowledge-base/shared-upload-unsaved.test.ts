// An upload with a shared database (DATABASE_URL) whose database copy fails: the file was saved
// here first and stayed, indexed by this instance alone at its next build (never by the others),
// while the admin was told the upload failed; one that replaced an article lost that article
// here. Now a failed database save leaves the folder as it was: the new file is deleted, a
// replaced one is put back as it was.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { postgresSharedArticles, type SharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { usePglite } from "../helpers/pglite.js";
import { openSharedInstance } from "../helpers/shared-instance.js";
import { tempSeedsRemovedAfterAll } from "../helpers/temp-seeds.js";

const PORT = new TextEncoder().encode(" date 2026-03-02 Новий річковий порт у Херсоні прийняв перше судно.");

const pg = usePglite();
const tempSeeds = tempSeedsRemovedAfterAll();

/** An instance on its own schema whose database copy of an upload fails, as with the database gone. */
async function unsavingInstance(schema: string): Promise<{ kb: LocalKnowledgeBase; seeds: string }> {
  const { seeds } = await tempSeeds();
  const shared: SharedArticles = {
    ...postgresSharedArticles(pg.db, schema, "pglite"),
    save: async () => Promise.reject(new Error("Connection terminated unexpectedly")),
  };
  const kb = await openSharedInstance(pg.db, seeds, schema, shared);
  return { kb, seeds };
}

describe("an upload with a shared database whose database copy fails", () => {
  it("leaves no file here: the upload is on no instance", async () => {
    const { kb, seeds } = await unsavingInstance("unsaved_new");
    const before = (await readdir(seeds)).sort();
    await expect(kb.addArticle("Порт.txt", PORT)).rejects.toThrow("Connection terminated unexpectedly");
    expect((await readdir(seeds)).sort()).toEqual(before);
  });

  it("puts back the article it replaced, as it was", async () => {
    const { kb, seeds } = await unsavingInstance("unsaved_replaced");
    const before = await readFile(join(seeds, "bees.md"));
    await expect(kb.addArticle("Bees.md", PORT)).rejects.toThrow("Connection terminated unexpectedly");
    expect(await readFile(join(seeds, "bees.md"))).toEqual(before);
    expect((await readdir(seeds)).filter((name) => name.startsWith("."))).toEqual([]);
  });
});
