import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempSeeds, SEED_ARTICLE, useTempSeeds } from "../helpers/temp-seeds.js";
import { lastLine, runCli, runCliInProcess } from "../helpers/run-cli.js";
import { formatAnswer, toJson } from "../../src/cli/ask.js";
import type { Answer, Citation } from "../../src/knowledge-base/knowledge-base.js";

const temp = useTempSeeds();

/** Runs the ask CLI in process on the test's seeds and store. */
const ask = (...args: string[]) => runCliInProcess("ask", ["--seeds", temp.seeds, "--store", temp.store, ...args]);
/** The same, as a user runs it (a spawned process): the smoke test. */
const askSpawned = (...args: string[]) => runCli("ask", ["--seeds", temp.seeds, "--store", temp.store, ...args]);

/** The terminal controls in `text`: C0 but a line break or a tab, DEL, C1. */
const controls = (text: string): string[] =>
  [...text].filter((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== "\n" && c !== "\t") || (code >= 0x7f && code <= 0x9f);
  });

describe("npm run ask", () => {
  it("on a clean store builds the index first, then prints the --json contract", async () => {
    await expect(readdir(temp.store)).rejects.toThrow();
    const { code, stdout, stderr } = await askSpawned("--json", "Хто такий Серджіо Гор?");
    expect(code).toBe(0);
    expect(stderr).toMatch(/Indexing/);
    expect(await readdir(temp.store)).toContain("CURRENT");

    const out = JSON.parse(lastLine(stdout)) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["answer", "citations", "mode", "ms", "notFound", "passages"]);
    expect(out.mode).toBe("extractive");
    expect(out.notFound).toBe(false);
    expect(out.answer).toMatch(/Серджіо Гор.*\[1\]/s);
    const citations = out.citations as Record<string, unknown>[];
    expect(Object.keys(citations[0]!).sort()).toEqual(["articleId", "date", "n", "quote", "title", "url"]);
    expect(citations[0]).toMatchObject({ n: 1, articleId: SEED_ARTICLE, date: "2026-02-04" });
    const passages = out.passages as { articleId: string; chunkId: string; text: string; score: number }[];
    expect(Object.keys(passages[0]!).sort()).toEqual(["articleId", "chunkId", "score", "text"]);
    expect(passages[0]!.articleId).toBe(SEED_ARTICLE);
    for (let i = 1; i < passages.length; i++) expect(passages[i - 1]!.score).toBeGreaterThanOrEqual(passages[i]!.score);
    expect(typeof out.ms).toBe("number");
  }, 60_000);

  it("prints the answer and numbered sources for a person, using the built index", async () => {
    const { code, stdout, stderr } = await ask("--k", "3", "Хто такий Серджіо Гор?");
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/Indexing/);
    expect(stdout).toMatch(/Серджіо Гор/);
    // Labels in the question's language, the day in words, and the answer's sentence said once (issue 13).
    expect(stdout).toMatch(/Джерела:\n\[1\] .+\(4 лютого 2026\)/);
    expect(stdout).not.toContain("Sources:");
    const sentence = /^(.+?)\s*\[1\]/m.exec(stdout)?.[1] ?? "";
    expect(sentence.length).toBeGreaterThan(10);
    expect(stdout.split(sentence.slice(0, 40)).length - 1).toBe(1);
  });

  it("dates a quote's 'цього тижня' in the language of its labels, for a question of as many Latin words as Cyrillic too", async () => {
    const { code, stdout } = await ask("Which форум hosts Бішкек?");
    expect(code).toBe(0);
    expect(stdout).toContain("Бішкек цього тижня (article of 4 February 2026)");
    expect(stdout).toMatch(/Sources:\n\[1\] .+\(4 February 2026\)/);
    expect(stdout).not.toContain("стаття від");
  });

  it("answers 'not found' as JSON for an unrelated question", async () => {
    const { code, stdout } = await ask("--json", "Яка температура плавлення вольфраму?");
    expect(code).toBe(0);
    const out = JSON.parse(lastLine(stdout)) as { notFound: boolean; reason: string; citations: unknown[] };
    expect(out.notFound).toBe(true);
    expect(out.reason).toBe("low-relevance"); // a script tells "not covered" from "search unavailable" and the rest
    expect(out.citations).toEqual([]);
  });

  it("gives the reason of a 'not found' in --json, and none for an answer", () => {
    const base: Answer = { question: "Що таке квазар?", answer: "", mode: "extractive", notFound: true, reason: "search-unavailable", citations: [], passages: [], closestTitles: [], ms: 1 };
    expect(toJson(base)).toMatchObject({ notFound: true, reason: "search-unavailable" });
    expect(toJson({ ...base, reason: "no-such-day" }).reason).toBe("no-such-day");
    const { reason: _reason, ...answered } = base;
    expect(toJson({ ...answered, answer: "Квазар. [1]", notFound: false })).not.toHaveProperty("reason");
  });

  it("rejects an empty question and bad arguments with exit 2 and no stack trace", async () => {
    const [empty, link, missing, badK, unknown] = await Promise.all([
      ask("?!"),
      ask("https://example.org"),
      ask(),
      ask("--k", "zero", "question"),
      ask("--nope", "question"),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty/);
    // A link alone is no empty question: it is said not to be opened.
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/Write the question in words: I don't open links\./);
    expect(link.stderr).not.toMatch(/empty/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Usage: npm run ask/);
    expect(badK.code).toBe(2);
    expect(badK.stderr).toMatch(/--k must be/);
    expect(unknown.code).toBe(2);
    for (const r of [empty, link, missing, badK, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("prints an article's terminal controls (an OSC 52 clipboard write, a C1 CSI) inert: stripped from the text, escaped in --json", async () => {
    const other = await makeTempSeeds();
    try {
      const osc = "\u001b]52;c;SGVsbG8=\u0007";
      const sentence = `Комета Галлея ${osc}повернеться до Сонця у 2061 році, кажуть астрономи\u009b2J обсерваторії.`;
      await writeFile(join(other.seeds, "comets.md"), `---\ntitle: Комета Галлея\ndate: 2026-02-01\n---\n${sentence}\n`);
      const run = (...args: string[]) => runCliInProcess("ask", ["--seeds", other.seeds, "--store", other.store, ...args, "Коли повернеться комета Галлея?"]);
      const text = await run();
      expect(text.code).toBe(0);
      expect(text.stdout).toContain("Комета Галлея ]52;c;SGVsbG8=повернеться до Сонця у 2061 році, кажуть астрономи2J обсерваторії.");
      expect(controls(text.stdout)).toEqual([]);
      const json = await run("--json");
      expect(controls(json.stdout)).toEqual([]);
      // Escaped, not changed: what a script reads is the article's text.
      const out = JSON.parse(lastLine(json.stdout)) as { answer: string; citations: { quote: string }[] };
      expect(out.answer).toContain(sentence);
      expect(out.citations[0]?.quote).toBe(sentence);
    } finally {
      await rm(other.root, { recursive: true, force: true });
    }
  }, 60_000);

  it("says when the index it builds left files out, and only then", async () => {
    const other = await makeTempSeeds();
    try {
      await writeFile(join(other.seeds, "empty.txt"), "");
      await writeFile(join(other.seeds, "cp1251.txt"), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2, 0x2e])); // "Привіт." in Windows-1251
      const run = () => runCliInProcess("ask", ["--seeds", other.seeds, "--store", other.store, "Хто такий Серджіо Гор?"]);
      const first = await run();
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`2 files of ${other.seeds} left out of the index; \`npm run ingest\` says which and why.`);
      expect((await run()).stderr).not.toMatch(/left out/); // built already: the editor was told
    } finally {
      await rm(other.root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("formatAnswer (the CLI's text)", () => {
  const cite = (n: number, articleId: string, title: string, quote: string): Citation => ({
    n,
    articleId,
    chunkId: `${articleId}#${n}`,
    title,
    date: "2026-02-04",
    url: null,
    quote,
    start: 0,
    end: quote.length,
  });

  it("lists an article cited by several passages once, each unsaid quote under its number", () => {
    const citations = [cite(1, "a.txt", "Форум у Бішкеку", "Форум відкрився."), cite(2, "b.txt", "Інша", "Інше."), cite(3, "a.txt", "Форум у Бішкеку", "Гор виступив.")];
    const answer: Answer = { question: "Що було на форумі?", answer: "Форум відкрився. [1] Інше. [2] Щось [3]", mode: "extractive", notFound: false, citations, passages: [], closestTitles: [], ms: 1 };
    expect(formatAnswer(answer)).toBe(
      "Форум відкрився. [1] Інше. [2] Щось [3]\n\nДжерела:\n[1, 3] Форум у Бішкеку (4 лютого 2026)\n    [3] «Гор виступив.»\n[2] Інша (4 лютого 2026)\n",
    );
  });

  it("prints a quote that is itself a quotation in its own marks, closed, without a second pair", () => {
    const citations = [
      cite(1, "a.txt", "Форум у Бішкеку", "«Занадто довго Сполучені Штати не звертали уваги на цей регіон."),
      cite(2, "a.txt", "Форум у Бішкеку", "“Too long,” he said."),
      cite(3, "a.txt", "Форум у Бішкеку", "Гор сказав: «Так."),
    ];
    const answer: Answer = { question: "Що сказав Гор?", answer: "Гор говорив про регіон [1, 2, 3].", mode: "llm", notFound: false, citations, passages: [], closestTitles: [], ms: 1 };
    expect(formatAnswer(answer)).toBe(
      "Гор говорив про регіон [1, 2, 3].\n\nДжерела:\n[1, 2, 3] Форум у Бішкеку (4 лютого 2026)\n" +
        "    [1] «Занадто довго Сполучені Штати не звертали уваги на цей регіон.»\n    [2] “Too long,” he said.\n    [3] «Гор сказав: «Так.»»\n",
    );
  });

  it("does not print again a quote the answer already says, whatever the form of the markers inside it", () => {
    const quote = "Форум відкрився в понеділок. Гор виступив першим.";
    const citations = [cite(1, "a.txt", "Форум у Бішкеку", quote), cite(2, "a.txt", "Форум у Бішкеку", "Інше.")];
    const text = "Форум відкрився в понеділок [1, 2]. Гор виступив першим [1-2].";
    const answer: Answer = { question: "Що було на форумі?", answer: text, mode: "extractive", notFound: false, citations, passages: [], closestTitles: [], ms: 1 };
    expect(formatAnswer(answer)).toBe(`${text}\n\nДжерела:\n[1, 2] Форум у Бішкеку (4 лютого 2026)\n    [2] «Інше.»\n`);
  });

  it("says the search is partly unavailable, not that the articles lack it, for a question not found by its words alone", () => {
    const degraded = (question: string): Answer => ({ question, answer: "", mode: "extractive", notFound: true, reason: "search-unavailable", citations: [], passages: [], closestTitles: ["Бджільництво"], ms: 1 });
    expect(formatAnswer(degraded("Що таке квазар?"))).toBe("Пошук зараз працює не повністю; спробуйте ще раз за хвилину.\n");
    expect(formatAnswer(degraded("What is a quasar?"))).toBe("Search is partly down right now; please try again in a minute.\n");
  });

  it("does not print again a quote the answer says with a date put after its «вчора»", () => {
    // The answer resolves "вчора" for the reader ("вчора (31 січня 2026)"); the quote is still
    // the sentence the answer says, so printing it under the source only repeats the answer.
    const quote = "Кіпер повідомив, що вчора ввечері ППО збили 23 дрони.";
    const citations = [{ ...cite(1, "a.txt", "Атака на порт", quote), date: "2026-02-01" }];
    const text = "Кіпер повідомив, що вчора (31 січня 2026) ввечері ППО збили 23 дрони. [1]";
    const answer: Answer = {
      question: "Скільки дронів збили?", answer: text, remembered: `${quote} [1]`, mode: "extractive", notFound: false, citations, passages: [], closestTitles: [], ms: 1,
    };
    expect(formatAnswer(answer)).toBe(`${text}\n\nДжерела:\n[1] Атака на порт (1 лютого 2026)\n`);
  });
});
