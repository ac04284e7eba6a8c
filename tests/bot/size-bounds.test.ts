import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { TELEGRAM_MESSAGE_LIMIT } from "../../src/bot/split-message.js";
import { MemoryBotState } from "../../src/state/memory-bot-state.js";
import { ADMIN_ID, answer, documentUpdate, makeBot, sent, tagsBalanced, textUpdate } from "./harness.js";

const textOf = (call: { payload: Record<string, unknown> } | undefined): string => String(call?.payload.text ?? "");

describe("messages about many files stay within one Telegram message", () => {
  it("files uploaded during a build: the status of the build after it names some and counts the rest", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-seeds-"));
    const downloadFile = vi.fn(async () => new TextEncoder().encode("Нова стаття про форум."));
    const { bot, kb, calls } = makeBot({ seedsDir: dir, downloadFile });
    kb.holdReindex = true;
    await bot.handleUpdate(documentUpdate("first.txt", { languageCode: "en" }));
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    // Selecting many files sends a message each; names up to 100 characters are kept.
    const names = Array.from({ length: 60 }, (_, i) => `${String(i).padStart(2, "0")} ${"Звіт про засідання міської ради щодо бюджету на наступний рік ".repeat(2).slice(0, 90)}.txt`);
    for (const name of names) await bot.handleUpdate(documentUpdate(name, { languageCode: "en" }));
    const release = kb.releaseReindex;
    kb.releaseReindex = undefined;
    release?.();
    await vi.waitFor(() => expect(kb.releaseReindex).toBeDefined());
    const status = sent(calls).find((c) => textOf(c).startsWith("Re-indexing the newly uploaded files"));
    expect(status).toBeDefined();
    const text = textOf(status);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(tagsBalanced(text)).toBe(true);
    expect(text).toContain("<code>00 ");
    expect(text).toMatch(/and \d+ more/);
    (kb.releaseReindex as (() => void) | undefined)?.();
    await vi.waitFor(() => expect(sent(calls, "editMessageText").some((c) => textOf(c).includes("Re-index done"))).toBe(true));
  });
});

describe("/latest", () => {
  it("five articles with long links (a Cyrillic slug, percent-encoded, up to the 1000 allowed): every one listed, within one message", async () => {
    const { bot, kb, calls } = makeBot();
    const slug = encodeURIComponent("новини-міста-".repeat(12)).slice(0, 960);
    kb.latestArticles = Array.from({ length: 5 }, (_, i) => ({
      articleId: `a${i}.txt`,
      title: `Стаття ${i} про бюджет & транспорт`,
      date: `2026-02-0${i + 1}`,
      url: `https://example.org/${slug}${i}`,
    }));
    await bot.handleUpdate(textUpdate("/latest", { languageCode: "en" }));
    const replies = sent(calls);
    expect(replies).toHaveLength(1);
    for (const reply of replies) {
      expect(textOf(reply).length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(tagsBalanced(textOf(reply))).toBe(true);
    }
    const all = replies.map(textOf).join("\n");
    for (let i = 0; i < 5; i++) expect(all).toContain(`Стаття ${i} про бюджет &amp; транспорт`);
    // The first still links to its article.
    expect(all).toContain(`<a href="https://example.org/${slug}0">`);
  });
});

describe("/stats", () => {
  it("group questions made of characters HTML escapes longer (\"<>&) cannot push /stats past one message", async () => {
    const stateStore = new MemoryBotState();
    const { bot, kb, calls } = makeBot({ stateStore, groupRateLimit: { burst: 5, refillMs: 60_000 } });
    kb.reply = async () => answer({ notFound: true, citations: [] });
    // Any member of a group can ask these: each is a content gap, kept at 200 characters.
    const noisy = (i: number) => `${i} "а" <б> & `.repeat(40);
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate(`/ask ${noisy(i)}`, { chat: "group" }));
    // And have 👎 under their answers: the worst-rated questions are quoted too.
    for (const [i, call] of sent(calls).entries()) {
      const chat = (call.payload as { chat_id: number }).chat_id;
      const message = 1001 + i;
      await stateStore.feedback.vote(`${chat}:${message}`, 5, -1);
    }
    expect((await stateStore.feedback.summary()).worst.length).toBe(5);
    await bot.handleUpdate(textUpdate("/stats", { fromId: ADMIN_ID, languageCode: "en" }));
    const replies = sent(calls).slice(5);
    expect(replies).toHaveLength(1);
    const stats = textOf(replies[0]);
    expect(stats.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(tagsBalanced(stats)).toBe(true);
    expect(stats).toContain("• 4 &quot;а&quot; &lt;б&gt; &amp;");
  });
});
