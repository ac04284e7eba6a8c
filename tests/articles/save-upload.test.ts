import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArticle } from "../../src/articles/load-articles.js";
import { sanitizeFileName, saveUpload, undoUpload } from "../../src/articles/save-upload.js";
import { UploadError } from "../../src/shared/errors.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const tempDir = (): Promise<string> => fs.mkdtemp(path.join(os.tmpdir(), "save-upload-"));

describe("sanitizeFileName", () => {
  it.each([
    ["../../x.txt", "x.txt"],
    ["..\\..\\evil.md", "evil.md"],
    [".hidden.txt", "hidden.txt"],
    ["...txt", "article-5ec1f7e7.txt"],
    ["Стаття про форум.TXT", "Стаття про форум.txt"],
    ["a<b>|c*?.md", "a_b_c_.md"],
    ["-rf.txt", "rf.txt"],
    ["tab\tand\nnewline.txt", "tab_and_newline.txt"],
    // A space after the extension is not seen, and Windows drops trailing dots: the admin sent i.md.
    ["i.md ", "i.md"],
    ["i.md.", "i.md"],
    ["i.TXT. \u00a0", "i.txt"],
  ])("%j → %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it("keeps names short and refuses other extensions", () => {
    expect(sanitizeFileName(`${"я".repeat(300)}.md`)).toBe(`${"я".repeat(97)}.md`);
    expect(() => sanitizeFileName("x.exe")).toThrow(UploadError);
    expect(() => sanitizeFileName("x.txt.sh")).toThrow(/not a .txt or .md/);
  });

  it("keeps names within the file system's 255 bytes (CJK letters take 3 each in UTF-8, some 4) and saves them", async () => {
    const seedsDir = await tempDir();
    for (const letter of ["漢", "𝐀"]) {
      const name = sanitizeFileName(`${letter.repeat(150)}.md`);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      expect(name).toMatch(new RegExp(`^(${letter})+\\.md$`, "u"));
      const saved = await saveUpload({ seedsDir, fileName: `${letter.repeat(150)}.md`, bytes: utf8("An article."), maxBytes: 100 });
      expect(saved.fileName).toBe(name);
      expect(sanitizeFileName(name)).toBe(name); // stable: the shared-uploads table checks names with it
    }
  });

  it("refuses an extension alone (nothing before it) as a file with no name, not as another type", () => {
    for (const name of [".md", ".TXT", "folder/.txt", " .md", ".md. "]) {
      expect(() => sanitizeFileName(name), name).toThrow(expect.objectContaining({ problem: "no-name" }));
    }
    expect(() => sanitizeFileName(".pdf")).toThrow(expect.objectContaining({ problem: "bad-type" }));
  });
});

describe("saveUpload", () => {
  it("writes inside the seeds folder only and says when it replaced a file", async () => {
    const root = await tempDir();
    const seedsDir = path.join(root, "seeds");
    const first = await saveUpload({ seedsDir, fileName: "../../x.txt", bytes: utf8("один"), maxBytes: 100 });
    expect(first).toEqual({ fileName: "x.txt", path: path.join(seedsDir, "x.txt"), replaced: false });
    expect(await fs.readdir(root)).toEqual(["seeds"]);
    const second = await saveUpload({ seedsDir, fileName: "x.txt", bytes: utf8("два"), maxBytes: 100 });
    expect(second.replaced).toBe(true);
    expect(await fs.readFile(path.join(seedsDir, "x.txt"), "utf8")).toBe("два");
    expect(await fs.readdir(seedsDir)).toEqual(["x.txt"]); // no temp files left
  });

  it("a name that differs from a file's only in case or Unicode form (NFD from macOS) replaces that file, as Windows and macOS would, instead of adding a second copy of the article", async () => {
    const seedsDir = await tempDir();
    await fs.writeFile(path.join(seedsDir, "bees.md"), "стара версія");
    await fs.writeFile(path.join(seedsDir, "Київ.md".normalize("NFD")), "стара версія");
    const cased = await saveUpload({ seedsDir, fileName: "Bees.MD", bytes: utf8("нова версія"), maxBytes: 100 });
    expect(cased).toEqual({ fileName: "bees.md", path: path.join(seedsDir, "bees.md"), replaced: true });
    const composed = await saveUpload({ seedsDir, fileName: "київ.md", bytes: utf8("нова версія"), maxBytes: 100 });
    expect(composed).toMatchObject({ fileName: "Київ.md".normalize("NFD"), replaced: true });
    expect((await fs.readdir(seedsDir)).sort()).toEqual(["bees.md", "Київ.md".normalize("NFD")].sort());
    for (const name of await fs.readdir(seedsDir)) expect(await fs.readFile(path.join(seedsDir, name), "utf8")).toBe("нова версія");
    // Two files that differ only in case already: which one is meant cannot be told, so neither is replaced.
    await fs.writeFile(path.join(seedsDir, "BEES.md"), "інша");
    expect(await saveUpload({ seedsDir, fileName: "Bees.md", bytes: utf8("третя"), maxBytes: 100 })).toMatchObject({ fileName: "Bees.md", replaced: false });
  });

  it("an upload over a symlink leading out of the folder keeps the link to put back, never what it points at (nothing outside the folder is read)", async () => {
    const root = await tempDir();
    const seedsDir = path.join(root, "seeds");
    await fs.mkdir(seedsDir);
    await fs.writeFile(path.join(root, "outside.txt"), "SECRET outside the seeds folder");
    await fs.symlink("../outside.txt", path.join(seedsDir, "notes.txt"));
    const saved = await saveUpload({ seedsDir, fileName: "notes.txt", bytes: utf8("нова стаття"), maxBytes: 100, keepPrevious: true });
    expect(saved.replaced).toBe(true);
    expect(JSON.stringify(saved.previous ?? null)).not.toContain("SECRET");
    expect(await fs.readFile(path.join(root, "outside.txt"), "utf8")).toBe("SECRET outside the seeds folder");
    // Put back as it was (the database copy failed): the link, not a copy of the file outside.
    await undoUpload(saved);
    expect(await fs.readlink(path.join(seedsDir, "notes.txt"))).toBe("../outside.txt");
    expect(await fs.readdir(seedsDir)).toEqual(["notes.txt"]);
  });

  it.each([
    ["dangling", "gone.txt"],
    ["to a folder", "sub"],
  ])("an upload over a link %s is a new article, not a replacement, and the link is put back on undo", async (_kind, to) => {
    const seedsDir = await tempDir();
    await fs.mkdir(path.join(seedsDir, "sub"));
    await fs.symlink(to, path.join(seedsDir, "notes.txt"));
    const saved = await saveUpload({ seedsDir, fileName: "notes.txt", bytes: utf8("нова стаття"), maxBytes: 100, keepPrevious: true });
    expect(saved.replaced).toBe(false);
    expect(await fs.readFile(path.join(seedsDir, "notes.txt"), "utf8")).toBe("нова стаття");
    await undoUpload(saved);
    expect(await fs.readlink(path.join(seedsDir, "notes.txt"))).toBe(to);
  });

  it("an upload over a link to an article is a replacement", async () => {
    const seedsDir = await tempDir();
    await fs.writeFile(path.join(seedsDir, "a.txt"), "стара стаття");
    await fs.symlink("a.txt", path.join(seedsDir, "notes.txt"));
    expect((await saveUpload({ seedsDir, fileName: "notes.txt", bytes: utf8("нова стаття"), maxBytes: 100 })).replaced).toBe(true);
  });

  it.each([
    ["not-utf8", Uint8Array.from([0xc3, 0x28])],
    ["not-utf8", utf8("a\u0000b")],
    ["empty", utf8(" \n\t")],
    ["no-text", utf8("---\ntitle: Only a header\ndate: 2024-01-01\n---\n\n")],
    ["no-text", utf8(" date 2024-01-01 ")],
    ["too-large", utf8("x".repeat(101))],
  ] as const)("refuses %s content and writes nothing", async (problem, bytes) => {
    const seedsDir = await tempDir();
    const attempt = saveUpload({ seedsDir, fileName: "a.txt", bytes, maxBytes: 100 });
    await expect(attempt).rejects.toMatchObject({ problem });
    expect(await fs.readdir(seedsDir)).toEqual([]);
  });
});

describe("uploads and the seeds loader agree", () => {
  it.each([
    ["text", utf8("Стаття з текстом.")],
    ["front matter only", utf8("---\ntitle: T\n---\n")],
    ["seed header only", utf8(" date 2026-02-04 ")],
    ["whitespace", utf8("\n \n")],
    ["NUL", utf8("a\u0000b")],
    ["latin-1", Uint8Array.from([0x50, 0xff])],
    ["UTF-16", Uint8Array.from([0xff, 0xfe, 0x41, 0x00])],
    ["too large", utf8("x".repeat(101))],
  ] as const)("%s: refused on upload exactly when the loader would skip it", async (_name, bytes) => {
    const seedsDir = await tempDir();
    const uploaded = await saveUpload({ seedsDir, fileName: "a.txt", bytes, maxBytes: 100 }).then(
      () => true,
      () => false,
    );
    const file = path.join(seedsDir, "probe.txt");
    await fs.writeFile(file, bytes);
    const read = await readArticle({ id: "probe.txt", path: file, size: bytes.byteLength, mtimeMs: 0, isArticle: true }, 100);
    expect(uploaded).toBe(!("reason" in read));
  });
});
