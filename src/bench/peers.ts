import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/** A text with its id, as the peers see the corpus. */
export interface PeerDoc {
  id: string;
  text: string;
}

/** What a LangChain user would reach for instead of our vector index: exact brute force. */
export interface VectorPeer {
  search(queryVector: number[], k: number): Promise<string[]>;
}

/** What a LangChain user would reach for instead of our term index. */
export interface TermPeer {
  search(query: string): Promise<string[]>;
}

/**
 * LangChain's `MemoryVectorStore` fed our own vectors with `addVectors` (no re-embedding), so
 * search time is compared on identical data. `embeddings` is only there because the
 * constructor requires one; it is never called.
 */
export async function createMemoryVectorStorePeer(
  docs: readonly PeerDoc[],
  vectors: number[][],
  embeddings: EmbeddingsInterface,
): Promise<VectorPeer> {
  const store = new MemoryVectorStore(embeddings);
  await store.addVectors(
    vectors,
    docs.map((d) => new Document({ id: d.id, pageContent: d.text, metadata: { id: d.id } })),
  );
  return {
    async search(queryVector, k) {
      const hits = await store.similaritySearchVectorWithScore(queryVector, k);
      return hits.map(([doc]) => String(doc.metadata["id"]));
    },
  };
}

/** LangChain's `BM25Retriever` over the same chunk texts, returning the top `k`. */
export function createBm25RetrieverPeer(docs: readonly PeerDoc[], k: number): TermPeer {
  const retriever = BM25Retriever.fromDocuments(
    docs.map((d) => new Document({ id: d.id, pageContent: d.text, metadata: { id: d.id } })),
    { k },
  );
  return {
    async search(query) {
      const hits = await retriever.invoke(query);
      return hits.map((doc) => String(doc.metadata["id"]));
    },
  };
}

/** Fraction of `exact` ids that `approximate` also found (recall@k when both hold k ids). */
export function recallAt(approximate: readonly string[], exact: readonly string[]): number {
  if (exact.length === 0) return 1;
  const found = new Set(approximate);
  return exact.filter((id) => found.has(id)).length / exact.length;
}
