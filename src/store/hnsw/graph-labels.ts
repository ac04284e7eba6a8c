import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/**
 * `labels.json` of a version folder: which HNSW label holds each chunk. A graph updated in place
 * of a rebuild (src/store/hnsw/write-graph.ts) keeps the labels of unchanged chunks and leaves
 * those of removed ones marked deleted, so labels are no longer the chunks' positions. An index
 * written before this file existed has none: there, label i is chunk i.
 */
export const LABELS_FILE = "labels.json";

/** The graph's labels, as a version records them. */
export interface GraphLabels {
  /** Labels in the graph, deleted ones included: the next new label. */
  size: number;
  /** Each chunk's label, in the version's chunk order. */
  labels: number[];
  /** Each chunk's vector key (`vectorKey`), same order: what tells an unchanged vector at the next build. */
  vectors: string[];
}

const labelsSchema = z
  .object({
    size: z.number().int().nonnegative(),
    labels: z.array(z.number().int().nonnegative()),
    vectors: z.array(z.string()),
  })
  .refine((l) => l.labels.length === l.vectors.length && l.labels.every((label) => label < l.size), "labels and vectors do not match the graph's size")
  // Two chunks under one label: the loader refuses that, and an update would keep both there.
  .refine((l) => new Set(l.labels).size === l.labels.length, "a label is given to two chunks");

/** The version's labels, or null when it has no labels file (written before it existed: label i = chunk i); throws when the file is corrupt. */
export async function readLabels(versionDir: string): Promise<GraphLabels | null> {
  let text: string;
  try {
    text = await readFile(join(versionDir, LABELS_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const result = labelsSchema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`${LABELS_FILE} is invalid: ${result.error.issues[0]?.message ?? "unknown"}`);
  return result.data;
}

/** Writes the version's labels file. */
export async function writeLabels(versionDir: string, labels: GraphLabels): Promise<void> {
  await writeFile(join(versionDir, LABELS_FILE), JSON.stringify(labels));
}

/**
 * A short hash of a vector's float32 bytes: equal keys, equal vectors (the graph holds the same
 * point). Keyed by the vector, not the chunk's text: a vector the embedder gives anew for the same
 * text (a remote model's new build under the same name) is a changed point.
 */
export function vectorKey(vector: Float32Array): string {
  return createHash("sha256").update(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)).digest("base64url").slice(0, 22);
}

/**
 * The first of `labels` the graph does not hold (given its `getIdsList()`), or undefined. The
 * counts can agree while a label is missing (the graph holds another in its place): that chunk
 * would never be a vector hit. A label the graph holds but has marked deleted is not caught:
 * hnswlib-node tells a deleted label only by getPoint throwing, and reading every point (seconds
 * at 100,000 chunks) is no cheap check for each load; getIdsList lists deleted labels too.
 */
export function labelMissingFrom(graphIds: readonly number[], labels: readonly number[]): number | undefined {
  const held = new Set(graphIds);
  return labels.find((label) => !held.has(label));
}
