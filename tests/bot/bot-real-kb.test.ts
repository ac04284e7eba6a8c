// The bot over the real knowledge base: a follow-up continues from what the answer quoted; an
// admin uploads an article (downloaded over HTTP from the Bot API file endpoint), questions keep
// being answered during the re-index, and the new article is answerable afterwards.
import { promises as fs } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { createApp } from "../../src/app/create-app.js";
import type { KnowledgeBase } from "../../src/knowledge-base/knowledge-base.js";
import { silentLogger } from "../../src/shared/logger.js";
import { ADMIN_ID, documentUpdate, makeBot, sent, tagsBalanced, textUpdate, USER_ID } from "./harness.js";
import { REPO } from "./spawn-bot.js";

let filePort: number;
const ARTICLE = `---
title: Київське метро
date: 1960-11-06
url: https://example.org/metro
---
Київський метрополітен відкрили 6 листопада 1960 року. Перша лінія мала п'ять станцій: від «Вокзальної» до «Дніпра».
`;

let fileServer: http.Server;
const requested: string[] = [];
let seedsDir: string;
let kb: KnowledgeBase;

describe("bot with the real knowledge base", () => {
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bot-kb-"));
    seedsDir = path.join(dir, "seeds");
    await fs.cp(path.join(REPO, "seeds"), seedsDir, { recursive: true });
    const config = loadConfig({ SEEDS_DIR: seedsDir, VECTORSTORE_DIR: path.join(dir, "store") });
    kb = await createApp(config, { logger: silentLogger });

    fileServer = http.createServer((req, res) => {
      requested.push(req.url ?? "");
      if (req.url === "/file/bot123:TEST/documents/file_1.txt") res.writeHead(200).end(Buffer.from(ARTICLE));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
    filePort = (fileServer.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => fileServer?.close(resolve));
  });

  it("continues a conversation from what its quote said, not from the article's date added to it", async () => {
    const { bot, calls } = makeBot({ kb, seedsDir });
    await bot.handleUpdate(textUpdate("Який форум приймає Бішкек?"));
    expect(String(sent(calls)[0]?.payload.text)).toContain("Бішкек цього тижня (стаття від 4 лютого 2026) приймає форум B5+1");
    // The answer was message 1001: a reply to it is a follow-up, which should not only quote the same sentence again.
    await bot.handleUpdate(textUpdate("А хто на ньому збирається?", { replyTo: { message_id: 1001, fromBot: true } }));
    const html = String(sent(calls)[1]?.payload.text);
    const followUp = html.slice(0, html.indexOf("<b>Джерела"));
    expect(followUp).toContain("Серджіо Гор");
  });

  it("dates a quote's 'цього тижня' in the language of the answer around it, also for a question the client's language decides", async () => {
    // As many Latin words as Cyrillic: the Telegram language decides the answer's language.
    const mixed = "Which форум hosts Бішкек?";
    for (const [languageCode, note, sources] of [
      ["uk", "Бішкек цього тижня (стаття від 4 лютого 2026)", "<b>Джерела</b>\n1. Бішкек цього тижня приймає форум B5+1, 4 лютого 2026"],
      ["en", "Бішкек цього тижня (article of 4 February 2026)", "<b>Sources</b>\n1. Бішкек цього тижня приймає форум B5+1, 4 February 2026"],
    ] as const) {
      const { bot, calls } = makeBot({ kb, seedsDir });
      await bot.handleUpdate(textUpdate(mixed, { languageCode }));
      // A listing, then a reply picking its first article by its number alone (no words: the client's language again).
      await bot.handleUpdate(textUpdate("What's new?", { languageCode }));
      await bot.handleUpdate(textUpdate("1", { languageCode, replyTo: { message_id: 1002, fromBot: true } }));
      const [answer, , picked] = sent(calls).map((c) => String(c.payload.text));
      for (const html of [answer, picked]) {
        expect(html).toContain(note);
        expect(html).toContain(sources);
      }
    }
  });

  it("answers a question with HTML entities as its characters, and shows it back as typed, escaped (no entity read into markup)", async () => {
    const { bot, calls } = makeBot({ kb, seedsDir });
    // "laquo", "raquo" were searched as question words no passage holds: the forum's opening
    // sentence was quoted, not the one saying who Gor is.
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    await bot.handleUpdate(textUpdate("Хто такий &laquo;Серджіо Гор&raquo;?"));
    const [plain, typed] = sent(calls).map((c) => String(c.payload.text));
    expect(plain).toContain("спеціальний посланець США");
    expect(typed).toBe(plain);
    // Inline, the message to post starts with the question: as typed, its "&lt;b&gt;" shown as
    // written, never a bold tag (the knowledge base read it as the text "<b>").
    for (const query of ["Хто такий &laquo;Серджіо Гор&raquo;?", "Хто такий &lt;b&gt;Серджіо Гор&lt;/b&gt;?"]) {
      await bot.handleUpdate({ update_id: 990_000 + calls.length, inline_query: { id: `iq${calls.length}`, from: { id: USER_ID, is_bot: false, first_name: "U" }, query, offset: "" } });
      const [result] = (sent(calls, "answerInlineQuery").at(-1)?.payload.results ?? []) as { input_message_content: { message_text: string } }[];
      const html = result?.input_message_content.message_text ?? "";
      expect(html.startsWith(`❓ <b>${query.replaceAll("&", "&amp;")}</b>\n\n`)).toBe(true);
      expect(html).toContain("спеціальний посланець США");
      expect(tagsBalanced(html)).toBe(true);
    }
  });

  it("adds an uploaded article, answers during the re-index, then answers from the new article", async () => {
    const { bot, calls } = makeBot({ kb, seedsDir, apiRoot: `http://127.0.0.1:${filePort}`, maxUploadBytes: 100_000 });
    expect(kb.info().articles).toBe(1);

    await bot.handleUpdate(documentUpdate("../../Київське метро.md", { fromId: ADMIN_ID }));
    expect(requested).toEqual(["/file/bot123:TEST/documents/file_1.txt"]);
    expect(kb.isReindexing()).toBe(true);

    // A question while the re-index runs is answered from the old index.
    await bot.handleUpdate(textUpdate("Хто такий Серджіо Гор?"));
    expect(String(sent(calls)[1]?.payload.text)).toContain("Серджіо Гор");

    await vi.waitFor(() => expect(String(sent(calls, "editMessageText").at(-1)?.payload.text)).toContain("Додано: 1"), { timeout: 20_000, interval: 50 });
    expect(await fs.readdir(seedsDir)).toContain("Київське метро.md");
    expect(kb.info().articles).toBe(2);

    await bot.handleUpdate(textUpdate("Коли відкрили київський метрополітен?"));
    const html = String(sent(calls).at(-1)?.payload.text);
    expect(html).toContain("1960");
    expect(html).toContain('<a href="https://example.org/metro">Київське метро</a>, 6 листопада 1960');
  });

  it("an upload whose title another article has too is indexed, and its reply names the file sharing it", async () => {
    const { bot, calls } = makeBot({ kb, seedsDir, apiRoot: `http://127.0.0.1:${filePort}`, maxUploadBytes: 100_000 });
    // The same article (title "Київське метро") under another name.
    await bot.handleUpdate(documentUpdate("metro-copy.md", { fromId: ADMIN_ID }));
    await vi.waitFor(() => expect(String(sent(calls, "editMessageText").at(-1)?.payload.text)).toContain("Додано: 1"), { timeout: 20_000, interval: 50 });
    const summary = String(sent(calls, "editMessageText").at(-1)?.payload.text);
    expect(summary).toContain("Попередження: 1");
    expect(summary).toContain("• metro-copy.md: заголовок «Київське метро» має й Київське метро.md;");
    expect(kb.info().articles).toBe(3);
  });
});
