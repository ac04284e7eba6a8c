// Removing an article file by its id (/remove): only a .txt/.md file inside the seeds folder, by
// its own name: nothing outside, no hidden file, no symlink and nothing behind a linked folder.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ARTICLE_NAME, removableArticleFiles, removeArticleFile } from "../../src/articles/remove-article.js";
import { NoSuchArticleError } from "../../src/shared/errors.js";

/** parent/seeds is the seeds folder; parent/outside.txt and parent/private/ must never be touched. */
async function folder() {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), "remove-article-"));
  const seeds = path.join(parent, "seeds");
  await fs.mkdir(path.join(seeds, "news"), { recursive: true });
  await fs.mkdir(path.join(parent, "private"));
  await fs.writeFile(path.join(parent, "outside.txt"), "Outside the seeds folder.");
  await fs.writeFile(path.join(parent, "private", "secret.txt"), "A secret.");
  await fs.writeFile(path.join(seeds, "forum.txt"), "An article about a forum.");
  await fs.writeFile(path.join(seeds, "news", "bridge.md"), "An article about a bridge.");
  await fs.writeFile(path.join(seeds, ".hidden.txt"), "A hidden file.");
  await fs.writeFile(path.join(seeds, "notes.csv"), "not,an,article");
  await fs.symlink("forum.txt", path.join(seeds, "alias.txt")); // a link inside
  await fs.symlink(path.join(parent, "outside.txt"), path.join(seeds, "out.txt")); // a link out
  await fs.symlink("../private", path.join(seeds, "linked")); // a folder link out
  await fs.symlink("news", path.join(seeds, "mirror")); // a folder link inside
  return { parent, seeds };
}

/** Every file under `dir` (links as links), relative. */
async function tree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map((e) => e.split(path.sep).join("/")).sort();
}

describe("removing an article file", () => {
  it("deletes a file at the top and in a subfolder, by its id", async () => {
    const { parent, seeds } = await folder();
    await removeArticleFile(seeds, "forum.txt");
    await removeArticleFile(seeds, "news/bridge.md");
    const left = await tree(seeds);
    expect(left).not.toContain("forum.txt");
    expect(left).not.toContain("news/bridge.md");
    expect(left).toContain("news");
    expect(await fs.readFile(path.join(parent, "outside.txt"), "utf8")).toBe("Outside the seeds folder.");
  });

  it("refuses names that leave the folder, hidden files, symlinks, files behind a linked folder and other types; nothing changes", async () => {
    const { parent, seeds } = await folder();
    const before = await tree(parent);
    const refused = [
      "../outside.txt",
      "../../etc/passwd",
      "news/../../outside.txt",
      "./forum.txt",
      path.join(parent, "outside.txt"),
      ".hidden.txt",
      "alias.txt",
      "out.txt",
      "linked/secret.txt",
      "mirror/bridge.md",
      "notes.csv",
      "news",
      "news\\bridge.md",
      "forum.txt\u0000.txt",
      `${"a/".repeat(MAX_ARTICLE_NAME)}x.txt`,
    ];
    for (const name of refused) {
      const error = await removeArticleFile(seeds, name).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(NoSuchArticleError);
    }
    expect(await tree(parent)).toEqual(before);
    // Not a file there at all: "missing", which the bot words as such.
    const missing = await removeArticleFile(seeds, "gone.txt").catch((e: unknown) => e);
    expect((missing as NoSuchArticleError).reason).toBe("missing");
    expect(((await removeArticleFile(seeds, "alias.txt").catch((e: unknown) => e)) as NoSuchArticleError).reason).toBe("not-allowed");
  });

  it("lists only the files it would remove", async () => {
    const { seeds } = await folder();
    expect((await removableArticleFiles(seeds)).map((f) => f.id).sort()).toEqual(["forum.txt", "news/bridge.md"]);
  });
});
