import type { Embedder } from "../../src/embeddings/create-embedder.js";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";

const embeddings = new LocalHashEmbeddings();

/** The local embedder as a build takes it. */
export const plainEmbedder: Embedder = { id: embeddings.id, embeddings };

/** The local embedder, running `meanwhile` during its first call (while the build holds the writer lock). */
export function embedderDoing(meanwhile: () => Promise<void>): Embedder {
  let done = false;
  const during = Object.create(embeddings) as LocalHashEmbeddings;
  during.embedDocuments = async (texts) => {
    if (!done) {
      done = true;
      await meanwhile();
    }
    return embeddings.embedDocuments(texts);
  };
  return { id: embeddings.id, embeddings: during };
}
