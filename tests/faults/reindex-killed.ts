// Run by tests/faults/crash-recovery.test.ts (through tsx): a re-index of <store> from <seeds>
// that kills its own process (SIGKILL, no clean-up of any kind) when it writes the file named
// <file> of the new version: `half` after writing half of it, `after` once it is written whole.
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { basename } from "node:path";

const [store, seeds, target, how] = process.argv.slice(2) as [string, string, string, "half" | "after"];

const realWriteFile = fsp.writeFile;
fsp.writeFile = (async (path: Parameters<typeof realWriteFile>[0], data: string | Uint8Array, options?: Parameters<typeof realWriteFile>[2]) => {
  if (basename(String(path)) !== target) return realWriteFile(path, data, options);
  const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
  await realWriteFile(path, how === "half" ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
  process.kill(process.pid, "SIGKILL");
  await new Promise(() => {}); // the signal arrives before anything else runs
}) as typeof realWriteFile;
// The store's modules import writeFile by name: make those bindings see the replacement.
syncBuiltinESMExports();

const { LocalHashEmbeddings } = await import("../../src/embeddings/local-embeddings.js");
const { buildIndex } = await import("../../src/ingest/build-index.js");
const { createHnswStore } = await import("../../src/store/hnsw/hnsw-store.js");
const embeddings = new LocalHashEmbeddings();
await buildIndex({ seedsDir: seeds, store: createHnswStore(store), embedder: { id: embeddings.id, embeddings }, maxArticleBytes: 5 * 1024 * 1024 });
process.stdout.write("re-indexed without being killed\n");
