// An upload sent while a removal of the same name was being recorded in the shared database
// (DATABASE_URL): the upload saved its file and its database copy meanwhile, then the removal's
// record deleted that copy and recorded the name as removed. The admin was told both succeeded,
// yet the new article stayed on this instance alone and the others never got it. Now the
// uploads and removals of one instance go one at a time: the upload waits for the removal.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { postgresSharedArticles, type SharedArticles } from "../../src/store/postgres/uploaded-articles.js";
import { usePglite } from "../helpers/pglite.js";
import { openSharedInstance } from "../helpers/shared-instance.js";
import { tempSeedsRemovedAfterAll } from "../helpers/temp-seeds.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const PORT = utf8(" date 2026-03-02 Новий річковий порт у Херсоні прийняв перше судно.");
const PORT_AGAIN = utf8(" date 2026-03-03 Новий річковий порт у Херсоні прийняв друге судно.");

const pg = usePglite();
const tempSeeds = tempSeedsRemovedAfterAll();

async function instance(schema: string, shared: SharedArticles): Promise<{ kb: LocalKnowledgeBase; seeds: string }> {
  const { seeds } = await tempSeeds();
  const kb = await openSharedInstance(pg.db, seeds, schema, shared);
  return { kb, seeds };
}

describe("an upload sent while a removal of that name is being recorded", () => {
  it("is carried out after it: the new article is stored for every instance, and no removal is left recorded", async () => {
    const real = postgresSharedArticles(pg.db, "interleaved", "pglite");
    let upload: Promise<unknown> | undefined;
    // The upload is sent while the removal's record is under way; the record goes on once the
    // upload is done, or (as it must, when the upload waits for the removal) after a while.
    const shared: SharedArticles = {
      ...real,
      remove: async (name, content) => {
        upload = first.kb.addArticle("Порт.txt", PORT_AGAIN);
        await Promise.race([upload, sleep(500)]);
        await real.remove(name, content);
      },
    };
    const first = await instance("interleaved", shared);
    await first.kb.addArticle("Порт.txt", PORT);

    await first.kb.removeArticle("Порт.txt");
    await upload;

    expect(await readFile(join(first.seeds, "Порт.txt"))).toEqual(Buffer.from(PORT_AGAIN));
    const stored = await pg.lite.query<{ content: Uint8Array }>("SELECT content FROM interleaved.uploaded_articles WHERE file_name = $1", ["Порт.txt"]);
    expect(stored.rows.map((row) => Buffer.from(row.content))).toEqual([Buffer.from(PORT_AGAIN)]);
    expect((await pg.lite.query("SELECT 1 FROM interleaved.removed_articles WHERE file_name = $1", ["Порт.txt"])).rows).toEqual([]);
    // Another instance starting now gets the new article.
    const other = await instance("interleaved", real);
    expect(await readFile(join(other.seeds, "Порт.txt"))).toEqual(Buffer.from(PORT_AGAIN));
  });
});

describe("/remove's listing asked while an upload is being stored", () => {
  it("waits for it: the folder keeps the new article, not the database's copy from before", async () => {
    const real = postgresSharedArticles(pg.db, "listing", "pglite");
    let listing: Promise<unknown> | undefined;
    // The listing is asked while the upload's database copy is under way: run at once, its
    // restore found the old copy stored and wrote it over the new file.
    const shared: SharedArticles = {
      ...real,
      save: async (name, bytes) => {
        if (listing === undefined && Buffer.from(bytes).equals(Buffer.from(PORT_AGAIN))) {
          listing = first.kb.articleFiles();
          await Promise.race([listing, sleep(500)]);
        }
        await real.save(name, bytes);
      },
    };
    const first = await instance("listing", shared);
    await first.kb.addArticle("Порт.txt", PORT);

    await first.kb.addArticle("Порт.txt", PORT_AGAIN);
    await listing;

    expect(await readFile(join(first.seeds, "Порт.txt"))).toEqual(Buffer.from(PORT_AGAIN));
  });
});
