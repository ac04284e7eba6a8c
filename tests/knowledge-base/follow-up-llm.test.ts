import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type OpenAiStub, type StubChatReply, type StubChatRequest, startOpenAiStub } from "../helpers/openai-stub.js";

// Replies to answers with an LLM answering (a local OpenAI-compatible stub), over the four
// follow-up articles: what the model is shown of the conversation.
describe("replies to answers, answered by an LLM", () => {
  let root: string;
  let stub: OpenAiStub;
  let kb: LocalKnowledgeBase;
  let model: (body: StubChatRequest) => StubChatReply = () => "NOT_FOUND";
  const asked: StubChatRequest[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "follow-ups-llm-"));
    await cp("tests/fixtures/follow-ups", join(root, "seeds"), { recursive: true });
    stub = await startOpenAiStub({
      chat: (body) => {
        asked.push(body);
        return model(body);
      },
    });
    const config = loadConfig({
      SEEDS_DIR: join(root, "seeds"),
      VECTORSTORE_DIR: join(root, "store"),
      LLM_MODEL: "openai:gpt-4.1-mini",
      OPENAI_BASE_URL: stub.baseUrl,
      OPENAI_API_KEY: "test",
    });
    kb = await createApp(config, { logger: silentLogger });
  });
  afterAll(async () => {
    await stub.close();
    await rm(root, { recursive: true, force: true });
  });

  // The model's answer citing the passage of the article titled `title` (its number in the last prompt).
  const citing = (title: string, text: string) => (body: StubChatRequest) => {
    const passages = String(body.messages.at(-1)?.content);
    const n = new RegExp(`^\\[(\\d+)\\] ${title} \\(`, "mu").exec(passages)?.[1];
    return n ? `${text} [${n}].` : "NOT_FOUND";
  };

  it("a one-word reply the model answers only from an article off the conversation's topic carries the caution", async () => {
    const envoy = [{ question: "Хто такий Серджіо Гор?", answer: "Серджіо Гор — спеціальний посланець США [1]." }];
    // Kharkiv's mayor is not what "А хто мер?" asks under an answer about the envoy.
    model = citing("Харків відновлює школи після обстрілів", "Мер Харкова — Ігор Терехов");
    const kharkiv = await kb.ask("А хто мер?", { history: envoy });
    expect(kharkiv).toMatchObject({ notFound: false, mode: "llm", unsure: true });
    expect(kharkiv.citations.map((c) => c.articleId)).toEqual(["kharkiv.md"]);
    // The same reply answered from the envoy's own article continues the conversation.
    model = citing("Серджіо Гор відвідав Бішкек", "Гор зустрівся з президентом Садиром Жапаровим");
    const bishkek = await kb.ask("А хто мер?", { history: envoy });
    expect(bishkek).toMatchObject({ notFound: false, mode: "llm" });
    expect(bishkek.citations.map((c) => c.articleId)).toEqual(["gor.md"]);
    expect(bishkek.unsure).toBeUndefined();
    // A question of one word asked alone has no conversation to stray from.
    model = citing("Харків відновлює школи після обстрілів", "Ігор Терехов — мер Харкова");
    const alone = await kb.ask("Хто такий Терехов?");
    expect(alone).toMatchObject({ notFound: false, mode: "llm" });
    expect(alone.unsure).toBeUndefined();
  });

  it("a reply to a listing shows the model the articles it listed, in order, not a refusal", async () => {
    const listing = await kb.ask("Що нового?");
    expect(listing.kind).toBe("listing");
    model = () => "Міст відкрили в четвер [1].";
    await kb.ask("А що з мостом?", { history: [{ question: listing.question, answer: listing.remembered ?? listing.answer, listing: true }] });
    const earlier = asked.at(-1)!.messages.find((m) => m.role === "assistant");
    const titles = listing.citations.map((c) => c.title);
    expect(titles.length).toBeGreaterThan(1);
    expect(earlier?.content).not.toContain("NOT_FOUND");
    const shown = titles.map((title) => String(earlier?.content).indexOf(title));
    expect(shown.every((at, i) => at >= 0 && (i === 0 || at > shown[i - 1]!))).toBe(true);
  });

  it("a reply to a listing is searched by its own words, not the listed titles' rarest words", async () => {
    const listing = await kb.ask("Що нового?");
    model = () => "Відремонтували три школи [1].";
    const reply = await kb.ask("А що там зі школами?", { history: [{ question: listing.question, answer: listing.remembered ?? listing.answer, listing: true }] });
    expect(reply.notFound).toBe(false);
    expect(reply.citations[0]?.articleId).toBe("kharkiv.md");
  });

  it("a reply naming one of the listed articles' topics is answered from it: a listing of a period lends it no words", async () => {
    for (const listed of ["Що нового?", "Що писали минулого тижня?"]) {
      const listing = await kb.ask(listed);
      expect(listing.kind).toBe("listing");
      model = () => "Міст відкрили в четвер [1].";
      const reply = await kb.ask("А що з мостом?", { history: [{ question: listing.question, answer: listing.remembered ?? listing.answer, listing: true }] });
      expect(reply.notFound).toBe(false);
      expect(reply.citations[0]?.articleId).toBe("lviv.md");
    }
  });

  it("a reply picking a listed article by its number has the model say what that article says, from its passages alone", async () => {
    const listing = await kb.ask("Що нового?");
    const listed = { question: listing.question, answer: listing.remembered ?? "", listing: true as const, listed: listing.citations.map((c) => c.articleId) };
    model = () => "У Харкові відремонтували три школи [1].";
    const reply = await kb.ask("А про що друга?", { history: [listed] });
    expect(reply).toMatchObject({ notFound: false, mode: "llm", answer: "У Харкові відремонтували три школи [1]." });
    expect(reply.citations.map((c) => c.articleId)).toEqual(["kharkiv.md"]);
    const question = String(asked.at(-1)!.messages.at(-1)?.content);
    expect(question).toContain("А про що друга?");
    expect(question).toContain("Харків відновлює школи після обстрілів");
    expect(question).toContain("завершили ремонт трьох шкіл");
    expect(question).not.toContain("Львові");
    // A refusal is no answer to "what is it about": the article's opening is.
    model = () => "NOT_FOUND";
    const refused = await kb.ask("А про що друга?", { history: [listed] });
    expect(refused).toMatchObject({ notFound: false, mode: "extractive" });
    expect(refused.answer).toMatch(/^У Харкові завершили ремонт трьох шкіл.* \[1\]$/su);
  });
});
