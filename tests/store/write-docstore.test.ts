import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunks/chunk.js";
import { writeDocstore } from "../../src/store/hnsw/write-docstore.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "write-docstore-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const chunk = (n: number, text: string, date: string | null = "2024-05-17"): Chunk => ({
  id: `a.md#${n}`,
  articleId: "a.md",
  title: "Заголовок \"в лапках\"",
  date,
  url: null,
  n,
  start: 0,
  end: text.length,
  text,
});

// What HNSWLib.save writes for the same documents (chunk i under label i, or labels[i]; its fields as metadata).
function asHnswLibSaves(chunks: readonly Chunk[], labels?: readonly number[]): string {
  const docs = new Map(chunks.map(({ text, ...metadata }, i) => [String(labels ? labels[i] : i), new Document({ pageContent: text, metadata })]));
  return JSON.stringify(Array.from(docs.entries()));
}

describe("writeDocstore", () => {
  it("writes the bytes HNSWLib.save writes, also across its write parts", async () => {
    const chunks = [
      chunk(0, "Київ — столиця.\nLine two \\ with a backslash."),
      chunk(1, "ї".repeat(2_500_000), null),
      chunk(2, "x".repeat(2_500_000)),
      chunk(3, "tail 👍"),
    ];
    const file = join(dir, "docstore.json");
    await writeDocstore(file, chunks);
    expect(await readFile(file, "utf8")).toBe(asHnswLibSaves(chunks));
  });

  it("writes each chunk under its graph label when labels are given (a graph updated in place of a rebuild)", async () => {
    const chunks = [chunk(0, "перший"), chunk(1, "second"), chunk(2, "третій")];
    const file = join(dir, "docstore.json");
    await writeDocstore(file, chunks, [7, 0, 12]);
    expect(await readFile(file, "utf8")).toBe(asHnswLibSaves(chunks, [7, 0, 12]));
    expect((JSON.parse(await readFile(file, "utf8")) as [string, unknown][]).map(([key]) => key)).toEqual(["7", "0", "12"]);
  });

  it("writes an empty docstore as []", async () => {
    await writeDocstore(join(dir, "empty.json"), []);
    expect(await readFile(join(dir, "empty.json"), "utf8")).toBe("[]");
  });
});
