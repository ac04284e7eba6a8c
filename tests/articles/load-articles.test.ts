import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SkippedFile } from "../../src/articles/article.js";
import type { ListFolder, ResolvePath, SeedFile } from "../../src/articles/list-article-files.js";
import { loadArticles, readArticle } from "../../src/articles/load-articles.js";
import { ConfigError } from "../../src/shared/errors.js";
import { skipReasonText, warningText } from "../../src/texts/skip-texts.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "load-articles-"));
  await cp(FIXTURES, dir, { recursive: true });
});
afterEach(async () => {
  await chmod(join(dir, "locked.txt"), 0o644).catch(() => {});
  await chmod(join(dir, "private"), 0o755).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

const reasonOf = (skipped: { file: string; reason: string }[], file: string) => skipped.find((s) => s.file === file)?.reason;

describe("loadArticles", () => {
  it("reads several files at once, and gives articles, skips and progress as reading them in turn does", async () => {
    for (let i = 0; i < 40; i++) await writeFile(join(dir, `many-${String(i).padStart(2, "0")}.txt`), i % 9 === 0 ? "" : `Article number ${i} tells its own story.`);
    const inOrder = await loadArticles(dir, { maxBytes: 10_000, readFile: (path) => readFile(path) });
    let reading = 0;
    let most = 0;
    let calls = 0;
    const progress: string[] = [];
    const loaded = await loadArticles(dir, {
      maxBytes: 10_000,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
      // Reads finish out of order (the later ones first): the result must not follow them.
      readFile: async (path) => {
        const delay = 20 - (calls++ % 20);
        reading++;
        most = Math.max(most, reading);
        await new Promise((resolve) => setTimeout(resolve, delay));
        reading--;
        return readFile(path);
      },
    });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
    expect(loaded).toEqual(inOrder);
    expect(loaded.articles.map((a) => a.id).filter((id) => id.startsWith("many-"))).toHaveLength(35);
    expect(progress).toEqual(Array.from({ length: loaded.files.length + 1 }, (_, i) => `${i}/${loaded.files.length}`));
  });

  it("loads every format recursively, with ids relative to the seeds folder and a content hash", async () => {
    await mkdir(join(dir, "nested", "deeper"), { recursive: true });
    await writeFile(join(dir, "nested", "deeper", "note.MD"), "A nested note. It counts too.");
    await writeFile(join(dir, ".hidden.txt"), "Hidden files are ignored.");
    const { articles, skipped } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "nested/deeper/note.MD", "plain.txt", "seed-format.txt"]);
    expect(skipped).toEqual([]);

    const front = articles.find((a) => a.id === "front-matter.md")!;
    expect(front.title).toBe("Solar panels on school roofs");
    expect(front.url).toBe("https://example.org/solar-schools");
    expect(front.source).toBe("Example News");
    expect(front.hash).toBe(createHash("sha256").update(await readFile(join(dir, "front-matter.md"))).digest("hex"));

    const seed = articles.find((a) => a.id === "seed-format.txt")!;
    expect(seed.date).toBe("2023-11-02");
    expect(seed.body.startsWith("The river port handled")).toBe(true);
  });

  it("ignores the system's own entries of a volume or a copied folder (lost+found, Thumbs.db, desktop.ini, …) without a word", async () => {
    // A mounted volume's root has lost+found (fsck's recovered pieces); Windows and macOS leave
    // their own files in folders copied from them. None is an article someone put there.
    await mkdir(join(dir, "lost+found"));
    await writeFile(join(dir, "lost+found", "#131074"), "recovered");
    await mkdir(join(dir, "System Volume Information"));
    await writeFile(join(dir, "System Volume Information", "IndexerVolumeGuid"), "guid");
    await mkdir(join(dir, "$RECYCLE.BIN"));
    await mkdir(join(dir, "kyiv"));
    await writeFile(join(dir, "kyiv", "Thumbs.db"), "\x00thumbs");
    await writeFile(join(dir, "kyiv", "Desktop.ini"), "[.ShellClassInfo]");
    await writeFile(join(dir, "kyiv", ".DS_Store"), "\x00mac");
    await writeFile(join(dir, "kyiv", "photo.jpg"), "\xff\xd8");
    const { articles, skipped } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    // Any other file is still said to be skipped: someone may have meant it as an article.
    expect(skipped.map((s) => s.file)).toEqual(["kyiv/photo.jpg"]);
  });

  it("follows a symlinked folder once and does not loop on a link back to a parent", async () => {
    await mkdir(join(dir, "nested"));
    await writeFile(join(dir, "nested", "note.txt"), "A nested note. It counts too.");
    await symlink(dir, join(dir, "nested", "loop")); // nested/loop → the seeds folder itself
    const { articles } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "nested/note.txt", "plain.txt", "seed-format.txt"]);
  });

  it("never reads outside the seeds folder: symlinks out (file, folder, parent) are skipped with a reason", async () => {
    // parent/seeds is the seeds folder; parent/private holds what must never be indexed.
    const parent = await mkdtemp(join(tmpdir(), "seeds-parent-"));
    try {
      const seeds = join(parent, "seeds");
      const secretDir = join(parent, "private");
      await mkdir(seeds);
      await mkdir(secretDir);
      await writeFile(join(secretDir, "token.txt"), "TELEGRAM_BOT_TOKEN is 123:LEAKED-SECRET. Keep it safe.");
      await writeFile(join(seeds, "real.txt"), "A real article. It belongs here.");
      await symlink(join(secretDir, "token.txt"), join(seeds, "notes.txt")); // a file out
      await symlink("../private", join(seeds, "docs")); // a folder out (relative link)
      await symlink("..", join(seeds, "loop")); // the parent: would walk into private/ and seeds/ again
      await symlink("real.txt", join(seeds, "alias.txt")); // inside: fine

      const { articles, skipped, files } = await loadArticles(seeds, { maxBytes: 10_000 });
      expect(articles.map((a) => a.id)).toEqual(["alias.txt", "real.txt"]);
      for (const article of articles) expect(article.body).not.toContain("LEAKED");
      for (const id of ["docs", "loop", "notes.txt"]) expect(reasonOf(skipped, id)).toMatch(/outside the seeds folder/);
      for (const id of ["docs", "loop", "notes.txt"]) expect(skipped.find((s) => s.file === id)?.code).toBe("outside");
      expect(files.map((f) => f.id)).toEqual(["alias.txt", "docs", "loop", "notes.txt", "real.txt"]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("never reads a hidden entry through a symlink: links into a hidden folder or to a hidden file are skipped with a reason", async () => {
    // A hidden folder is never listed (drafts, or the index itself: SEEDS_DIR/.index is allowed);
    // a visible link must not lead the listing into it.
    await mkdir(join(dir, ".drafts"));
    await writeFile(join(dir, ".drafts", "x.md"), "A draft. NOT-READY for readers.");
    await writeFile(join(dir, ".secret.txt"), "A hidden note. NOT-READY for readers.");
    await symlink(join(dir, ".drafts", "x.md"), join(dir, "x.md")); // a file in a hidden folder
    await symlink(".drafts", join(dir, "drafts")); // the hidden folder itself (relative link)
    await symlink(".secret.txt", join(dir, "note.txt")); // a hidden file
    const { articles, skipped, files } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    for (const article of articles) expect(article.body).not.toContain("NOT-READY");
    for (const id of ["drafts", "note.txt", "x.md"]) expect(skipped.find((s) => s.file === id)).toMatchObject({ code: "hidden", reason: expect.stringMatching(/hidden/) });
    expect(files.map((f) => f.id)).toEqual(["drafts", "front-matter.md", "note.txt", "plain.txt", "seed-format.txt", "x.md"]);
    expect(skipReasonText("uk", skipped.find((s) => s.file === "x.md")!)).toBe("символьне посилання на прихований файл чи теку в теці статей (не прочитано)");
  });

  /** A folder `private` holding an article and a folder of them, and links to both from the seeds folder's top. */
  async function linksIntoPrivate(): Promise<void> {
    await mkdir(join(dir, "private", "kyiv"), { recursive: true });
    await writeFile(join(dir, "private", "x.md"), "Secret.");
    await writeFile(join(dir, "private", "kyiv", "bridge.txt"), "Secret too.");
    await symlink("private/x.md", join(dir, "x.md"));
    await symlink("private/kyiv", join(dir, "kyiv"));
  }

  /** What the loader says of the links into `private` when this process may not enter it. */
  function expectLinksSkipped(skipped: SkippedFile[], files: SeedFile[]): void {
    const reason = "unreadable: EACCES (a symlink whose target this process cannot reach; not read)";
    for (const id of ["x.md", "kyiv"]) {
      expect(skipped.find((s) => s.file === id)).toEqual({ file: id, code: "unreadable", error: "EACCES", reason });
      expect(files.find((f) => f.id === id)).toMatchObject({ isArticle: false, size: 0, unresolvedLink: "EACCES" });
    }
    expect(skipReasonText("uk", skipped.find((s) => s.file === "x.md")!)).toBe("не вдалося прочитати: EACCES");
    expect(skipped.find((s) => s.file === "private")?.reason).toMatch(/^cannot read the folder \(EACCES\)/);
  }

  it("lists a symlink whose target it may not reach (a file or a folder in a folder it may not enter) as skipped, unreadable, never reading it", async () => {
    await linksIntoPrivate();
    // Run as root (CI), a folder's mode stops nothing: the system's EACCES is injected instead.
    const denied = (call: string, path: string) => Object.assign(new Error(`EACCES: permission denied, ${call} '${path}'`), { code: "EACCES" });
    const under = (path: string) => path === join(dir, "private") || path.startsWith(join(dir, "private/"));
    const listing: ListFolder = async (folder, options) => {
      if (under(folder)) throw denied("scandir", folder);
      return (await readdir(folder, options)) as Dirent[];
    };
    const resolving: ResolvePath = async (path) => {
      if (path === join(dir, "x.md") || path === join(dir, "kyiv")) throw denied("realpath", path); // through private/
      return realpath(path);
    };
    const read: string[] = [];
    const reading = async (path: string) => {
      read.push(path);
      return readFile(path);
    };
    const { articles, skipped, files } = await loadArticles(dir, { maxBytes: 10_000, readdir: listing, realpath: resolving, readFile: reading });
    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    expectLinksSkipped(skipped, files);
    expect(read.filter((path) => !/(front-matter\.md|plain\.txt|seed-format\.txt)$/.test(path))).toEqual([]);
  });

  it("lists a symlink into a folder with mode 000 as skipped, unreadable (not run as root)", async (ctx) => {
    if (process.getuid?.() === 0) ctx.skip(); // root enters folders whatever their mode
    await linksIntoPrivate();
    await chmod(join(dir, "private"), 0o000);
    const { skipped, files } = await loadArticles(dir, { maxBytes: 10_000 });
    expectLinksSkipped(skipped, files);
  });

  it("lists a link to nothing, a link loop and a FIFO or socket named as an article as skipped, each with its reason, never opening the FIFO", async () => {
    await symlink("gone.md", join(dir, "dangling.md")); // its target was deleted
    await symlink("plain.txt/x.txt", join(dir, "through-a-file.txt")); // ENOTDIR: nothing there either
    await symlink("b.md", join(dir, "a.md")); // a.md → b.md → a.md
    await symlink("a.md", join(dir, "b.md"));
    execFileSync("mkfifo", [join(dir, "pipe.txt")]); // opened, it would wait for a writer forever
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, "socket.md"), resolve));
    try {
      const { articles, skipped, files } = await loadArticles(dir, { maxBytes: 10_000 });
      expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
      const skip = (file: string) => skipped.find((s) => s.file === file);
      for (const id of ["dangling.md", "through-a-file.txt"]) expect(skip(id)).toEqual({ file: id, code: "dangling-link", reason: "a symlink to nothing: its target does not exist" });
      for (const id of ["a.md", "b.md"]) expect(skip(id)).toEqual({ file: id, code: "link-loop", reason: "a symlink loop: the links lead back to each other, never to a file" });
      for (const id of ["pipe.txt", "socket.md"]) expect(skip(id)).toEqual({ file: id, code: "not-regular", reason: "not a regular file (a pipe, socket or device; not read)" });
      // Listed for the staleness check (a link pointed at a file later is seen as a change), not as articles.
      for (const id of ["a.md", "dangling.md", "pipe.txt", "socket.md"]) expect(files.find((f) => f.id === id)).toMatchObject({ isArticle: false, size: 0 });
      expect(skipReasonText("uk", skip("dangling.md")!)).toBe("символьне посилання в нікуди: його цілі не існує");
      expect(skipReasonText("uk", skip("a.md")!)).toBe("петля символьних посилань: вони ведуть одне до одного, а не до файлу");
      expect(skipReasonText("uk", skip("pipe.txt")!)).toBe("не звичайний файл (канал, сокет чи пристрій; не прочитано)");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("checks the real location of the seeds folder itself, when SEEDS_DIR is a symlink", async () => {
    const parent = await mkdtemp(join(tmpdir(), "seeds-parent-"));
    try {
      await mkdir(join(parent, "data"));
      await writeFile(join(parent, "data", "a.txt"), "An article behind a linked seeds folder.");
      await symlink(join(parent, "data"), join(parent, "seeds"));
      const { articles, skipped } = await loadArticles(join(parent, "seeds"), { maxBytes: 10_000 });
      expect(articles.map((a) => a.id)).toEqual(["a.txt"]);
      expect(skipped).toEqual([]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("skips each bad file with a one-line reason and keeps the rest", async () => {
    await writeFile(join(dir, "empty.txt"), "");
    await writeFile(join(dir, "binary.txt"), Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02]));
    await writeFile(join(dir, "latin1.txt"), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])); // "Café ok" in Latin-1
    await writeFile(join(dir, "huge.txt"), "x".repeat(2_000));
    // Notepad's "Unicode": UTF-16 with a byte order mark, little or big endian.
    await writeFile(join(dir, "u16le.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Стаття", "utf16le")]));
    await writeFile(join(dir, "u16be.txt"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("Стаття", "utf16le").swap16()]));
    await writeFile(join(dir, "odd.txt"), Buffer.from([0xff, 0xfe, 0x00])); // the mark, then no whole 2-byte unit
    await writeFile(join(dir, "header-only.txt"), " date 2024-01-01 ");
    await writeFile(join(dir, "picture.png"), "not an article");
    const { articles, skipped } = await loadArticles(dir, { maxBytes: 1_000 });

    expect(articles.map((a) => a.id)).toEqual(["front-matter.md", "plain.txt", "seed-format.txt"]);
    expect(reasonOf(skipped, "empty.txt")).toMatch(/empty/);
    expect(reasonOf(skipped, "binary.txt")).toMatch(/binary/);
    expect(reasonOf(skipped, "latin1.txt")).toMatch(/UTF-8/);
    expect(reasonOf(skipped, "huge.txt")).toMatch(/too large.*2000 bytes.*1000/);
    expect(reasonOf(skipped, "u16le.txt")).toBe('not valid UTF-8 text (it is UTF-16, Notepad\'s "Unicode"); save it as UTF-8');
    expect(reasonOf(skipped, "u16be.txt")).toMatch(/UTF-16.*save it as UTF-8/);
    expect(reasonOf(skipped, "odd.txt")).toMatch(/binary/);
    expect(reasonOf(skipped, "header-only.txt")).toMatch(/no text/);
    expect(reasonOf(skipped, "picture.png")).toMatch(/not a \.txt or \.md/);
    for (const s of skipped) expect(s.reason).not.toContain("\n");
    // …and the rule each broke, for the bot to say it in the admin's language.
    const code = (file: string) => skipped.find((s) => s.file === file)?.code;
    expect(["empty.txt", "binary.txt", "latin1.txt", "huge.txt", "header-only.txt", "picture.png", "u16le.txt", "u16be.txt"].map(code)).toEqual([
      "empty",
      "binary",
      "not-utf8",
      "too-large",
      "no-text",
      "not-article",
      "not-utf8",
      "not-utf8",
    ]);
    expect(skipped.find((s) => s.file === "huge.txt")).toMatchObject({ size: 2_000, limit: 1_000 });
  });

  it("names a UTF-32 file (its mark begins like UTF-16's) as UTF-32, not UTF-16", async () => {
    // Each character in 4 bytes, after the byte order mark U+FEFF: FF FE 00 00 or 00 00 FE FF.
    const utf32 = (text: string, littleEndian: boolean) => {
      const chars = [...text];
      const bytes = new DataView(new ArrayBuffer(4 * chars.length));
      for (const [i, ch] of chars.entries()) bytes.setUint32(4 * i, ch.codePointAt(0)!, littleEndian);
      return new Uint8Array(bytes.buffer);
    };
    await writeFile(join(dir, "u32le.txt"), utf32("\ufeffСтаття", true));
    await writeFile(join(dir, "u32be.txt"), utf32("\ufeffСтаття", false));
    await writeFile(join(dir, "u16.txt"), Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00])); // no whole 4-byte unit: UTF-16
    const { skipped } = await loadArticles(dir, { maxBytes: 1_000 });
    expect(reasonOf(skipped, "u32le.txt")).toBe("not valid UTF-8 text (it is UTF-32); save it as UTF-8");
    expect(reasonOf(skipped, "u32be.txt")).toBe("not valid UTF-8 text (it is UTF-32); save it as UTF-8");
    expect(reasonOf(skipped, "u16.txt")).toMatch(/UTF-16/);
    expect(skipped.map((s) => s.code)).toEqual(["not-utf8", "not-utf8", "not-utf8"]);
  });

  it("skips an unreadable file", async (ctx) => {
    if (process.getuid?.() === 0) ctx.skip(); // root reads files whatever their mode
    await writeFile(join(dir, "locked.txt"), "Secret.");
    await chmod(join(dir, "locked.txt"), 0o000);
    const { articles, skipped } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(reasonOf(skipped, "locked.txt")).toMatch(/unreadable/);
    expect(articles).toHaveLength(3);
  });

  it("skips a file that cannot be read (here: deleted after the folder was listed), even as root", async () => {
    const gone = { id: "gone.txt", path: join(dir, "gone.txt"), size: 10, mtimeMs: 0, isArticle: true };
    expect(await readArticle(gone, 10_000)).toEqual({ file: "gone.txt", reason: "unreadable: ENOENT", code: "unreadable", error: "ENOENT" });
    const folder = { ...gone, id: "folder.txt", path: dir };
    expect(await readArticle(folder, 10_000)).toEqual({ file: "folder.txt", reason: "unreadable: EISDIR", code: "unreadable", error: "EISDIR" });
  });

  it("warns about a header date of year 0000 (there is no year 0) and loads the article undated", async () => {
    await writeFile(join(dir, "year-zero.md"), "---\ntitle: Trams\ndate: 0000-01-01\n---\nTrams run at night.");
    const { articles, warnings } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.find((a) => a.id === "year-zero.md")).toMatchObject({ date: null, body: "Trams run at night." });
    expect(warnings).toEqual([{ file: "year-zero.md", reason: expect.stringMatching(/^the date "0000-01-01" is not a real YYYY-MM-DD date/), code: "bad-date", date: "0000-01-01" }]);
  });

  it("warns about an empty header date ('date:' with nothing after it) and loads the article undated", async () => {
    await writeFile(join(dir, "no-date.md"), "---\ntitle: Trams\ndate:\n---\nTrams run at night.");
    const { articles, warnings } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.find((a) => a.id === "no-date.md")).toMatchObject({ title: "Trams", date: null, body: "Trams run at night." });
    expect(warnings).toEqual([
      {
        file: "no-date.md",
        reason: "the date is empty (write it as YYYY-MM-DD); indexed without a date, so it is missing from /latest and questions about dates",
        code: "bad-date",
        date: "",
      },
    ]);
    expect(warningText("uk", warnings[0]!)).toBe("дата порожня (напишіть її як РРРР-ММ-ДД); статтю проіндексовано без дати, тож її немає в /latest і у відповідях про дати");
  });

  it("warns about a YAML null date ('date: ~', 'date: null', 'date: # TODO') as an empty one", async () => {
    for (const [i, written] of ["~", "null", "# TODO"].entries()) await writeFile(join(dir, `null-${i}.md`), `---\ntitle: Trams ${i}\ndate: ${written}\n---\nTrams run at night.`);
    const { warnings } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(warnings.map((w) => [w.file, w.date, w.reason.split(";")[0]])).toEqual([0, 1, 2].map((i) => [`null-${i}.md`, "", "the date is empty (write it as YYYY-MM-DD)"]));
  });

  it("warns about a url that is no http(s) link and loads the article without one, with its date warning too", async () => {
    await writeFile(join(dir, "linked.md"), "---\ntitle: Trams\ndate: 2026-13-45\nurl: javascript:alert(1)\n---\nTrams run at night.");
    const { articles, warnings } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.find((a) => a.id === "linked.md")).toMatchObject({ url: null, date: null, body: "Trams run at night." });
    expect(warnings).toEqual([
      expect.objectContaining({ file: "linked.md", code: "bad-date", date: "2026-13-45" }),
      {
        file: "linked.md",
        reason: 'the url "javascript:alert(1)" is not an http:// or https:// link of at most 1000 characters; indexed without a link',
        code: "bad-url",
        url: "javascript:alert(1)",
      },
    ]);
  });

  it("warns when a header between '---' lines cannot be read, so its date is not lost without a word", async () => {
    await writeFile(join(dir, "unclosed.md"), "---\ntitle: Trams\ndate: 2026-02-04\n\nTrams run at night.");
    await writeFile(join(dir, "no-colon.md"), "---\ntitle: Buses\ndate 2026-02-04\n---\nBuses run at night.");
    // Rules around a line of prose (no title, date, url or source key) are no header: no warning.
    await writeFile(join(dir, "rules.md"), "---\nJust a line between rules.\n---\nText.");
    const { articles, warnings } = await loadArticles(dir, { maxBytes: 10_000 });
    expect(articles.find((a) => a.id === "unclosed.md")).toMatchObject({ title: "Trams", date: null });
    expect(articles.find((a) => a.id === "no-colon.md")).toMatchObject({ date: null });
    expect(warnings).toEqual([
      {
        file: "no-colon.md",
        reason: 'the header between the "---" lines is not read: its line "date 2026-02-04" is no "key: value" line; indexed as plain text, without its date and link',
        code: "unread-header",
        line: "date 2026-02-04",
      },
      {
        file: "unclosed.md",
        reason: 'the header is not read: it has no closing "---" line; indexed as plain text, without its date and link',
        code: "unread-header",
      },
    ]);
  });

  it("accepts a BOM and Windows line endings", async () => {
    await writeFile(join(dir, "windows.txt"), "\uFEFFFirst line of a Windows file.\r\nSecond line.\r\n");
    const { articles } = await loadArticles(dir, { maxBytes: 10_000 });
    const article = articles.find((a) => a.id === "windows.txt")!;
    expect(article.body).toBe("First line of a Windows file.\nSecond line.");
    expect(article.title).toBe("First line of a Windows file");
  });

  it("reports a missing seeds folder as a ConfigError naming it and its setting as the caller names it (commands exit 2)", async () => {
    const missing = join(dir, "nope");
    await expect(loadArticles(missing, { maxBytes: 1_000 })).rejects.toThrow(ConfigError);
    await expect(loadArticles(missing, { maxBytes: 1_000 })).rejects.toThrow(/nope.*point SEEDS_DIR at one\.$/);
    await expect(loadArticles(missing, { maxBytes: 1_000, seedsSetting: "--seeds (or SEEDS_DIR)" })).rejects.toThrow(/nope.*point --seeds \(or SEEDS_DIR\) at one\.$/);
  });
});
