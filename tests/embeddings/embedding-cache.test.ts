import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { endianness, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EmbeddingCache, textHash } from "../../src/embeddings/embedding-cache.js";

let store: string;
beforeEach(async () => {
  store = await mkdtemp(join(tmpdir(), "embedding-cache-"));
});
afterEach(() => rm(store, { recursive: true, force: true }));

describe("EmbeddingCache", () => {
  it("persists vectors per embedder under <store>/cache (float32 precision)", async () => {
    const cache = await EmbeddingCache.open(store, "local-hash-v1:4");
    cache.set(textHash("a"), Float32Array.of(0.5, -0.25, 0.125, 0.1));
    cache.set(textHash("b"), Float32Array.of(1, 0, 0, 0));
    await cache.save();
    expect(await readdir(join(store, "cache"))).toHaveLength(1);

    const again = await EmbeddingCache.open(store, "local-hash-v1:4");
    expect(again.size).toBe(2);
    expect([...again.get(textHash("a"))!.slice(0, 3)]).toEqual([0.5, -0.25, 0.125]);
    expect(again.get(textHash("a"))![3]).toBeCloseTo(0.1, 6);
    expect((await EmbeddingCache.open(store, "openai:other")).size).toBe(0);
  });

  it("drops entries not kept", async () => {
    const cache = await EmbeddingCache.open(store, "e");
    cache.set("x", Float32Array.of(1, 2));
    cache.set("y", Float32Array.of(3, 4));
    await cache.save(new Set(["y"]));
    const again = await EmbeddingCache.open(store, "e");
    expect(again.get("x")).toBeUndefined();
    expect(again.get("y")).toEqual(Float32Array.of(3, 4));
  });

  it("round-trips a cache larger than one saved part, in order", async () => {
    const cache = await EmbeddingCache.open(store, "e");
    const vector = (i: number) => Float32Array.of(i, -i / 3, i * 1e-3);
    for (let i = 0; i < 2500; i++) cache.set(`k${i}`, vector(i));
    await cache.save();
    const again = await EmbeddingCache.open(store, "e");
    expect(again.size).toBe(2500);
    for (const i of [0, 1023, 1024, 2047, 2048, 2499]) expect(again.get(`k${i}`)).toEqual(vector(i));
  });

  // On a little-endian machine the body is copied as bytes (100k × 512 floats one at a time took ~1 s
  // each way); the file must stay the one written a float at a time.
  it.runIf(endianness() === "LE")("reads and writes the body as bytes, not a float at a time, in the same file format", async () => {
    const vectors = [Float32Array.of(0.5, -0, 1e-40, -3.25), Float32Array.of(1, 2, 3, 4).subarray(0, 4), new Float32Array([9, 8, 7, 6, 5]).subarray(1, 5)];
    const cache = await EmbeddingCache.open(store, "e");
    for (const [i, v] of vectors.entries()) cache.set(`k${i}`, v);
    const written = vi.spyOn(Buffer.prototype, "writeFloatLE");
    await cache.save();
    expect(written).not.toHaveBeenCalled();
    const bytes = await readFile(cache.file);
    const body = bytes.subarray(bytes.indexOf(0x0a) + 1);
    const expected = Buffer.alloc(vectors.length * 4 * 4);
    for (const [i, v] of vectors.entries()) for (const [j, x] of v.entries()) expected.writeFloatLE(x, (i * 4 + j) * 4);
    expect(body.equals(expected)).toBe(true);
    written.mockRestore();

    const read = vi.spyOn(Buffer.prototype, "readFloatLE");
    const again = await EmbeddingCache.open(store, "e");
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    for (const [i, v] of vectors.entries()) expect(again.get(`k${i}`)).toEqual(Float32Array.from(v));
    expect(Object.is(again.get("k0")![1], -0)).toBe(true);
  });

  it("treats a corrupt cache file as empty", async () => {
    const cache = await EmbeddingCache.open(store, "e");
    cache.set("x", Float32Array.of(1, 2));
    await cache.save();
    await writeFile(cache.file, "garbage");
    expect((await EmbeddingCache.open(store, "e")).size).toBe(0);
  });

  it("keys by sha256 of the text", () => {
    expect(textHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
