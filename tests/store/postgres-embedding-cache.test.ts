import { endianness } from "node:os";
import { describe, expect, it, vi } from "vitest";
import { decodeVector, encodeVector, openPostgresEmbeddingCache } from "../../src/store/postgres/embedding-cache.js";
import { usePglite } from "../helpers/pglite.js";

const pg = usePglite();

// Values whose bytes a careless conversion would change: -0, a subnormal, NaN, large and tiny floats.
const vectors = [
  Float32Array.of(0.5, -0, 1e-40, -3.25),
  Float32Array.of(Number.NaN, 3.4e38, -1.17e-38, 1 / 3),
  new Float32Array([9, 8, 7, 6, 5]).subarray(1, 5),
];

function floatByFloat(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [i, x] of vector.entries()) bytes.writeFloatLE(x, i * 4);
  return bytes;
}

describe("Postgres embedding cache", () => {
  it("round-trips vectors exactly, stored as little-endian float32, without a float at a time on this machine", async () => {
    await pg.db.exec("CREATE TABLE ec (embedder text, hash text, vector bytea, PRIMARY KEY (embedder, hash))");
    const cache = await openPostgresEmbeddingCache(pg.db, "ec", "e");
    for (const [i, v] of vectors.entries()) cache.set(`k${i}`, v);
    const written = vi.spyOn(Buffer.prototype, "writeFloatLE");
    const read = vi.spyOn(Buffer.prototype, "readFloatLE");
    await cache.save();
    const again = await openPostgresEmbeddingCache(pg.db, "ec", "e");
    const calls = written.mock.calls.length + read.mock.calls.length;
    written.mockRestore();
    read.mockRestore();
    if (endianness() === "LE") expect(calls).toBe(0);

    // Later queries must not disturb vectors already read (they may be views of a row's bytes).
    again.set("later", Float32Array.of(42, 43, 44, 45));
    await again.save();
    await openPostgresEmbeddingCache(pg.db, "ec", "e");

    const { rows } = await pg.db.query<{ hash: string; vector: Uint8Array }>("SELECT hash, vector FROM ec ORDER BY hash");
    for (const [i, v] of vectors.entries()) {
      expect(Buffer.from(again.get(`k${i}`)!.buffer, again.get(`k${i}`)!.byteOffset, 16).equals(floatByFloat(v))).toBe(true);
      expect(Buffer.from(rows.find((r) => r.hash === `k${i}`)!.vector).equals(floatByFloat(v))).toBe(true);
    }
    expect(Object.is(again.get("k0")![1], -0)).toBe(true);
  });

  it("decodes bytes not on a 4-byte boundary, and the big-endian path gives the same bytes and floats", () => {
    for (const v of vectors) {
      const stored = floatByFloat(v);
      const unaligned = new Uint8Array(stored.length + 1).subarray(1);
      unaligned.set(stored);
      for (const decoded of [decodeVector(unaligned), decodeVector(unaligned, false), decodeVector(stored, false)]) {
        expect(Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength).equals(stored)).toBe(true);
      }
      expect(encodeVector(v, false).equals(stored)).toBe(true);
      expect(encodeVector(v).equals(stored)).toBe(true);
    }
  });
});
