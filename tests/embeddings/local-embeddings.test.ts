import { describe, expect, it } from "vitest";
import { LocalHashEmbeddings } from "../../src/embeddings/local-embeddings.js";

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("LocalHashEmbeddings", () => {
  const embeddings = new LocalHashEmbeddings();

  it("is deterministic, fixed-size and L2-normalised", async () => {
    const text = "The council approved solar panels for twelve schools.";
    const [a, b] = await embeddings.embedDocuments([text, text]);
    expect(a).toEqual(b);
    expect(await new LocalHashEmbeddings().embedQuery(text)).toEqual(a);
    expect(a).toHaveLength(512);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
  });

  it("ignores case, and names its space by version and size", async () => {
    expect(await embeddings.embedQuery("Solar PANELS")).toEqual(await embeddings.embedQuery("solar panels"));
    expect(embeddings.id).toBe("local-hash-v1:512");
    const small = new LocalHashEmbeddings({ dims: 64 });
    expect(small.id).toBe("local-hash-v1:64");
    expect(await small.embedQuery("anything")).toHaveLength(64);
  });

  it("ranks a paraphrase of a passage above unrelated text", async () => {
    const passage = "The city council approved a plan to install solar panels on the roofs of twelve public schools.";
    const paraphrase = "Councillors agreed to put solar panels on school roofs.";
    const unrelated = "Beekeepers in the valley report a record spring honey harvest after a warm April.";
    const [p, q, u] = await embeddings.embedDocuments([passage, paraphrase, unrelated]);
    expect(cosine(p!, q!)).toBeGreaterThan(cosine(p!, u!) + 0.1);
  });

  it("works for Ukrainian text (Cyrillic, apostrophes) and matches inflected forms", async () => {
    const passage = "Форум зібрав посадовців і бізнес-лідерів для поглиблення економічних зв’язків.";
    const paraphrase = "Посадовці на форумі говорили про економічні зв’язки.";
    const unrelated = "Бджолярі зібрали рекордний урожай меду.";
    const [p, q, u] = await embeddings.embedDocuments([passage, paraphrase, unrelated]);
    expect(cosine(p!, q!)).toBeGreaterThan(cosine(p!, u!) + 0.1);
  });

  it("returns a zero vector for text without words", async () => {
    expect((await embeddings.embedQuery("!!! ...")).every((x) => x === 0)).toBe(true);
  });
});
