import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";

const embeddings = new LocalHashEmbeddings();

/** The local embedder as a build takes it. */
export const plainEmbedder: Embedder = { id: embeddings.id, embeddings };

/**
 * The local embedder, running `meanwhile` during its first call (while the build holds the writer
 * lock); `calls()` counts its batches.
 */
export function embedderDoing(meanwhile: () => Promise<void>): Embedder & { calls: () => number } {
  let calls = 0;
  const during = Object.create(embeddings) as LocalHashEmbeddings;
  during.embedDocuments = async (texts) => {
    if (calls++ === 0) await meanwhile();
    return embeddings.embedDocuments(texts);
  };
  return { id: embeddings.id, embeddings: during, calls: () => calls };
}
