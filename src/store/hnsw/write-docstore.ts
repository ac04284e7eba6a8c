import { open } from "node:fs/promises";
import { Document } from "@langchain/core/documents";
import type { Chunk } from "../../chunks/chunk.js";

// Characters gathered before each write: a few MB at a time, never the whole file.
const PART_CHARS = 4_000_000;

/**
 * Writes HNSWLib's `docstore.json` (each chunk under its graph label, `labels[i]` for chunk i,
 * default i; its fields as metadata) entry by entry: the same bytes as
 * `JSON.stringify([...docs.entries()])` in `HNSWLib.save`, without that one string (~300 MB at
 * 100k chunks, plus its UTF-8 copy) — the peak of the ingest's memory.
 */
export async function writeDocstore(file: string, chunks: readonly Chunk[], labels?: readonly number[]): Promise<void> {
  const handle = await open(file, "w");
  try {
    let part = "[";
    for (let i = 0; i < chunks.length; i++) {
      const { text, ...metadata } = chunks[i]!;
      part += `${i === 0 ? "" : ","}${JSON.stringify([String(labels ? labels[i]! : i), new Document({ pageContent: text, metadata })])}`;
      if (part.length >= PART_CHARS) {
        await handle.writeFile(part);
        part = "";
      }
    }
    await handle.writeFile(`${part}]`);
  } finally {
    await handle.close();
  }
}
