import { describe, expect, it } from "vitest";
import { MAX_URL } from "../../src/articles/article.js";
import { deriveTitle, MAX_DERIVED_TITLE, parseArticle } from "../../src/articles/parse-article.js";
import { citationOf } from "../../src/answers/citations.js";
import { chunkArticle } from "../../src/chunks/chunk-article.js";
import { formatSource } from "../../src/bot/format-answer.js";

describe("parseArticle", () => {
  it("reads the seed format: date header with the body on the same line", () => {
    const a = parseArticle(" date 2026-02-04 Бішкек цього тижня приймає форум. Друге речення.", "000.txt");
    expect(a.date).toBe("2026-02-04");
    expect(a.body).toBe("Бішкек цього тижня приймає форум. Друге речення.");
    expect(a.title).toBe("Бішкек цього тижня приймає форум");
    expect(a.url).toBeNull();
  });

  it("reads YAML-style front matter (quoted values, any key order)", () => {
    const raw = '---\nurl: https://example.org/a\ntitle: "Hello: world"\ndate: 2024-05-17\nsource: Example\n---\nBody text.\n';
    const a = parseArticle(raw, "a.md");
    expect(a).toEqual({ title: "Hello: world", date: "2024-05-17", url: "https://example.org/a", source: "Example", body: "Body text." });
  });

  it("reads plain text with no header and derives the title from the first sentence", () => {
    const a = parseArticle("Bees made more honey this year! Prices fell.", "notes/b.txt");
    expect(a.title).toBe("Bees made more honey this year!");
    expect(a.date).toBeNull();
    expect(a.body).toBe("Bees made more honey this year! Prices fell.");
  });

  it("takes Markdown markup out of a .md body, so quotes show the text, not '**' or '[…](…)'", () => {
    const raw = [
      "---",
      "title: Парк у Сумах",
      "---",
      "# Новий парк",
      "",
      "**Суми** отримали [новий парк](https://example.org/park \"парк\") біля `річки`. Його _відкрили_ *вчора*.",
      "",
      "> Це найбільший парк міста, — сказав мер.",
      "",
      "- дві тисячі дерев",
      "* три фонтани",
      "",
      "Див. [звіт][1] і ![схему парку](https://example.org/map.png).",
      "",
      "```",
      "[1]: https://example.org/report",
    ].join("\n");
    expect(parseArticle(raw, "park.md").body).toBe(
      [
        "Новий парк",
        "",
        "Суми отримали новий парк біля річки. Його відкрили вчора.",
        "",
        "Це найбільший парк міста, — сказав мер.",
        "",
        "дві тисячі дерев",
        "три фонтани",
        "",
        "Див. звіт і схему парку.",
      ].join("\n"),
    );
    // What only looks like markup stays, and so does a .txt file's text.
    const plain = "Ціна 5 * 3 грн, файл report_2026_final, примітка [1], #Суми, 2*3*4.";
    expect(parseArticle(plain, "p.md").body).toBe(plain);
    expect(parseArticle("**Суми** отримали [парк](https://x.org).", "p.txt").body).toBe("**Суми** отримали [парк](https://x.org).");
    expect(parseArticle("# Новий парк\n\nТекст.", "h.md").title).toBe("Новий парк");
  });

  it("reads malformed front matter as plain text, so nothing is lost", () => {
    const raw = "---\nthis is not a key value line\n---\nBody.";
    const a = parseArticle(raw, "m.txt");
    expect(a.body).toBe(raw);
    expect(a.date).toBeNull();
    // In Markdown the "---" lines are rules, not text: the words stay.
    expect(parseArticle(raw, "m.md").body).toBe("this is not a key value line\nBody.");
    const unclosed = parseArticle("---\ntitle: Never closed\nBody.", "u.md");
    expect(unclosed.body).toContain("title: Never closed");
  });

  it("drops a BOM and normalises CRLF line endings", () => {
    const a = parseArticle("\uFEFF---\r\ntitle: T\r\ndate: 2020-01-02\r\n---\r\nLine one.\r\nLine two.\r\n", "w.md");
    expect(a.title).toBe("T");
    expect(a.date).toBe("2020-01-02");
    expect(a.body).toBe("Line one.\nLine two.");
    expect(parseArticle("\uFEFF date 2021-03-04 Text.\r\n", "s.txt").date).toBe("2021-03-04");
  });

  it("drops soft hyphens and zero-width characters inside words, so a quote shows whole words", () => {
    const a = parseArticle("---\ntitle: Ста\u200Bдіон\n---\nПочалися перего\u00ADвори щодо будів\u2060ництва.\uFEFF Інвес\u200Dтор знайдений.", "z.md");
    expect(a.title).toBe("Стадіон");
    expect(a.body).toBe("Почалися переговори щодо будівництва. Інвестор знайдений.");
    // A zero-width joiner between emoji joins them: it stays.
    expect(parseArticle("Родина 👨\u200D👩\u200D👧 тут.", "e.txt").body).toBe("Родина 👨\u200D👩\u200D👧 тут.");
  });

  it("reads the HTML entities a page scraped to plain text keeps, in the body and the header", () => {
    const a = parseArticle("---\ntitle: Мер: &laquo;Це крок&raquo;\n---\nПроїзд коштує 15&nbsp;грн. Мер сказав: &laquo;Це вимушений крок&raquo; &#8212; і AT&amp;T, &foo; & co.", "e.txt");
    expect(a.title).toBe("Мер: «Це крок»");
    expect(a.body).toBe("Проїзд коштує 15\u00a0грн. Мер сказав: «Це вимушений крок» — і AT&T, &foo; & co.");
    expect(parseArticle("Проїзд коштує 15&nbsp;грн. Далі.", "d.txt").title).toBe("Проїзд коштує 15 грн.");
    // Invisible characters written as entities are dropped too, as written out they are.
    expect(parseArticle("Будів&#173;ництво ста&#x200B;діону &shy;почалося.", "g.txt").body).toBe("Будівництво стадіону почалося.");
    expect(parseArticle("Будів&#173;ництво ста&#8203;діону.", "g.md").body).toBe("Будівництво стадіону.");
  });

  it("reads HTML in an .md header's title and source as the page shows it, as its body: tags out, entities read", () => {
    const a = parseArticle("---\ntitle: Q&amp;A про <b>вибори</b> у Полтаві<!-- перевірити -->\nsource: <i>Полтавські</i>&nbsp;новини<br>\n---\nПро <b>вибори</b>.", "q.md");
    expect(a).toMatchObject({ title: "Q&A про вибори у Полтаві", source: "Полтавські новини", body: "Про вибори." });
    // What only looks like a tag stays, as in the body; an entity for "<" is a "<" the page shows.
    expect(parseArticle("---\ntitle: Якщо 5 < 6 і &lt;b&gt;\n---\nТекст.", "c.md").title).toBe("Якщо 5 < 6 і <b>");
    // A block's end leaves a space: the words on either side do not run together.
    expect(parseArticle("---\ntitle: <p>Вибори</p><p>у Полтаві</p>\n---\nТекст.", "p.md").title).toBe("Вибори у Полтаві");
    // A .txt body keeps its tags (only entities are read): so does its title.
    expect(parseArticle("---\ntitle: Q&amp;A про <b>вибори</b>\n---\nТекст.", "q.txt").title).toBe("Q&A про <b>вибори</b>");
  });

  it("cites an .md header's title without its Markdown markup, as its body reads, escaped only when shown", () => {
    const raw = '---\ntitle: "**Бюджет** [міста](https://example.org/b) на _2026_ рік: `a<b>`"\nsource: "*Полтавські* новини"\nurl: https://example.org/a\n---\nБюджет ухвалили.';
    const parsed = parseArticle(raw, "budget.md");
    const [chunk] = chunkArticle({ id: "budget.md", hash: "h", ...parsed });
    // The citation line under an answer (and the same title in /latest and /remove).
    expect(formatSource(citationOf(1, chunk!))).toBe('1. <a href="https://example.org/a">Бюджет міста на 2026 рік: a&lt;b&gt;</a>');
    expect(parsed.source).toBe("Полтавські новини");
    // What only looks like markup stays, as in the body: "5 * 3", "file_name", "[1]".
    expect(parseArticle("---\ntitle: '5 * 3 у file_name [1]'\n---\nТекст.", "m.md").title).toBe("5 * 3 у file_name [1]");
    // A .txt body keeps its markup: so does its title.
    expect(parseArticle("---\ntitle: **Бюджет** міста\n---\nТекст.", "b.txt").title).toBe("**Бюджет** міста");
    // A title copied with its heading's mark reads as the heading; "# 1" is a number ("№ 1") and stays.
    expect(parseArticle('---\ntitle: "# Бюджет **міста** #"\n---\nТекст.', "h.md").title).toBe("Бюджет міста");
    expect(parseArticle("---\ntitle: '## Бюджет'\nsource: '# Новини'\n---\nТекст.", "h.md")).toMatchObject({ title: "Бюджет", source: "Новини" });
    expect(parseArticle('---\ntitle: "#  1 у рейтингу"\n---\nТекст.', "h.md").title).toBe("# 1 у рейтингу");
    expect(parseArticle('---\ntitle: "# Бюджет"\n---\nТекст.', "h.txt").title).toBe("# Бюджет");
  });

  it("reads a header after blank lines (front matter and the seed format)", () => {
    const a = parseArticle("\n \n---\ntitle: Forum in Bishkek\ndate: 2026-02-04\n---\nText.", "f.md");
    expect(a).toMatchObject({ title: "Forum in Bishkek", date: "2026-02-04", body: "Text." });
    expect(parseArticle("\r\n date 2026-02-04 Text.", "s.txt")).toMatchObject({ date: "2026-02-04", body: "Text." });
  });

  it("keeps only an http(s) url, dropping any other as given for a warning; a bare www. address gets https://", () => {
    const url = (value: string) => parseArticle(`---\ntitle: X\nurl: ${value}\n---\nBody.`, "u.md");
    for (const bad of ["javascript:alert(1)", "JavaScript:alert(1)", "ftp://example.org/a", "example.org/a", "http:example.org", "//example.org/a", "https://", "mailto:a@b.org", "https://exa mple.org/a", "https://example.org/\u202Egpj.exe"]) {
      expect(url(bad), bad).toMatchObject({ url: null, unreadUrl: bad });
    }
    // Longer than MAX_URL as written, or once percent-encoded (each Cyrillic letter is six characters).
    expect(url(`https://example.org/${"a".repeat(MAX_URL)}`)).toMatchObject({ url: null });
    const cyrillic = `https://example.org/${"я".repeat(200)}`;
    expect(cyrillic.length).toBeLessThan(MAX_URL);
    expect(url(cyrillic)).toMatchObject({ url: null, unreadUrl: cyrillic });
    // Links are kept as written; "www." is a web address without its scheme.
    expect(url("https://example.org/статті/1?a=1&b=2")).toMatchObject({ url: "https://example.org/статті/1?a=1&b=2" });
    expect(url("HTTP://Example.org/A")).toMatchObject({ url: "HTTP://Example.org/A" });
    expect(url("www.example.org/news/1")).toMatchObject({ url: "https://www.example.org/news/1" });
    expect(url('"https://example.org/q"')).toMatchObject({ url: "https://example.org/q" });
    for (const good of ["https://example.org/a", "www.example.org"]) expect(url(good)).not.toHaveProperty("unreadUrl");
    expect(parseArticle("---\ntitle: X\n---\nBody.", "n.md")).not.toHaveProperty("unreadUrl");
  });

  it("ignores an impossible date rather than inventing one, keeping it as given for a warning", () => {
    expect(parseArticle("---\ntitle: X\ndate: 2024-13-45\n---\nBody.", "x.md")).toMatchObject({ date: null, unreadDate: "2024-13-45" });
    expect(parseArticle(" date 2024-02-30 Body.", "y.txt")).toMatchObject({ date: null, unreadDate: "2024-02-30", body: "Body." });
    expect(parseArticle("---\ndate: 5.03.2024\n---\nBody.", "z.md")).toMatchObject({ date: null, unreadDate: "5.03.2024" });
    // There is no year 0 (it was read as a real day, sorted before every other article).
    expect(parseArticle("---\ntitle: X\ndate: 0000-01-01\n---\nBody.", "zero.md")).toMatchObject({ date: null, unreadDate: "0000-01-01" });
    expect(parseArticle(" date 0000-06-15 Body.", "zero.txt")).toMatchObject({ date: null, unreadDate: "0000-06-15" });
    // An empty date is no date either: warned about, not silently dropped (YAML, quoted, TOML).
    for (const raw of ["---\ntitle: X\ndate:\n---\nBody.", '---\ntitle: X\ndate: ""\n---\nBody.', "---\ntitle: X\ndate:   \nurl: https://example.org/x\n---\nBody.", '+++\ntitle = "X"\ndate = ""\n+++\nBody.']) {
      expect(parseArticle(raw, "empty.md"), raw).toMatchObject({ title: "X", date: null, unreadDate: "", body: "Body." });
    }
    // YAML's nulls are empty too, not a date named "null" or "# TODO".
    for (const written of ["~", "null", "Null", "NULL", "# TODO", "~ # TODO", "null   # later"]) {
      expect(parseArticle(`---\ntitle: X\ndate: ${written}\n---\nBody.`, "null.md"), written).toMatchObject({ title: "X", date: null, unreadDate: "", body: "Body." });
    }
    // Quoted, or with more after it, it is a value that is no date, as before.
    for (const written of ['"null"', "'~'", "nulls", "~#1", "TBD # soon"]) {
      const unread = written.replace(/^(["'])(.*)\1$/, "$2");
      expect(parseArticle(`---\ntitle: X\ndate: ${written}\n---\nBody.`, "named.md"), written).toMatchObject({ date: null, unreadDate: unread });
    }
    expect(parseArticle("---\ntitle: X\ndate: 2026-02-04 # checked\n---\nBody.", "dated.md")).toMatchObject({ date: "2026-02-04" });
    // No date given, or a real one: nothing to warn about.
    expect(parseArticle("---\ntitle: X\n---\nBody.", "n.md")).not.toHaveProperty("unreadDate");
    expect(parseArticle(" date 2024-02-29 Body.", "l.txt")).not.toHaveProperty("unreadDate");
    expect(parseArticle(" date 0001-01-01 Body.", "one.txt")).toMatchObject({ date: "0001-01-01" });
  });
});

describe("deriveTitle", () => {
  it("cuts a long first sentence on a word boundary", () => {
    const body = `${"word ".repeat(40)}end.`;
    const title = deriveTitle(body, "x.txt");
    expect(title.length).toBeLessThanOrEqual(MAX_DERIVED_TITLE + 1);
    expect(title.endsWith("word…")).toBe(true);
  });

  it("takes the first clause of a long sentence, never cutting a phrase (issue 13)", () => {
    const body =
      "Бішкек цього тижня приймає форум B5+1, на якому збираються посадовці й бізнес-лідери з Казахстану, Киргизстану, Таджикистану.";
    expect(deriveTitle(body, "x.txt")).toBe("Бішкек цього тижня приймає форум B5+1");
  });

  it("keeps a short sentence whole, and cuts a clause-less one after a whole word, not a preposition", () => {
    expect(deriveTitle("Форум B5+1 у Бішкеку. Далі текст.", "x.txt")).toBe("Форум B5+1 у Бішкеку");
    const long = `${"слово ".repeat(12)}про ${"інше ".repeat(10)}кінець.`;
    const title = deriveTitle(long, "x.txt");
    expect(title.length).toBeLessThanOrEqual(MAX_DERIVED_TITLE + 1);
    expect(title).toMatch(/(слово|інше)…$/u);
    expect(title).not.toMatch(/ про…$/u);
  });

  it("drops the sentence's full stop, keeping ?, !, … and an abbreviation's dot", () => {
    expect(deriveTitle("У Львові відкрили музей кави. Музей розташований на площі Ринок.", "x.txt")).toBe("У Львові відкрили музей кави");
    expect(deriveTitle("Він сказав «так». Далі.", "x.txt")).toBe("Він сказав «так»");
    expect(deriveTitle("Хто переміг? Далі.", "x.txt")).toBe("Хто переміг?");
    expect(deriveTitle("Перемога! Далі.", "x.txt")).toBe("Перемога!");
    expect(deriveTitle("Чекаємо… Далі.", "x.txt")).toBe("Чекаємо…");
    expect(deriveTitle("Чекаємо... Далі.", "x.txt")).toBe("Чекаємо...");
    expect(deriveTitle("Місто засновано у 1256 р. Далі.", "x.txt")).toBe("Місто засновано у 1256 р.");
    expect(parseArticle(" date 2026-11-20 У Львові відкрили музей кави. Вхід коштує 150 гривень.", "x.txt").title).toBe("У Львові відкрили музей кави");
  });

  it("closes a quotation the cut leaves open", () => {
    expect(deriveTitle("Компанія «Нова енергія запускає завод, який дасть 500 робочих місць у регіоні до кінця наступного року.", "x.txt")).toBe(
      "Компанія «Нова енергія запускає завод»",
    );
  });

  it("falls back to the file name when there is no text", () => {
    expect(deriveTitle("", "dir/my-article.md")).toBe("my-article");
  });

  it("uses a Markdown heading line without its hashes", () => {
    expect(deriveTitle("# Big news\nMore text.", "a.md")).toBe("Big news");
  });
});

describe("titles are safe to display (issue 10 item 14)", () => {
  it("strips right-to-left overrides and other invisible controls from titles and sources", () => {
    const rlo = "\u202E";
    const front = parseArticle(`---\ntitle: Invoice ${rlo}fdp.exe\u202C\u2066 x\u0007\nsource: News\u200F Ltd\n---\nBody.`, "f.md");
    expect(front.title).toBe("Invoice fdp.exe x");
    expect(front.source).toBe("News Ltd");
    const derived = parseArticle(`${rlo}Reversed claim here. Second.`, "d.txt");
    expect(derived.title).toBe("Reversed claim here");
    expect(`${front.title}${front.source}${derived.title}`).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\p{Cc}]/u);
  });

  it("drops bidi embeddings, overrides and isolates from the body, so a quote reads as the source does; marks stay", () => {
    // U+202E ... U+202C shows "gpj.exe" reversed as "exe.jpg"; an isolate hides what follows.
    const spoofed = "Звіт: файл \u202Egpj.exe\u202C, сума \u2067100\u2069 грн. Wiki\u202Atext\u202B.\u202D";
    for (const id of ["s.txt", "s.md"]) {
      expect(parseArticle(spoofed, id).body).toBe("Звіт: файл gpj.exe, сума 100 грн. Wikitext.");
      expect(parseArticle(`---\ntitle: Звіт\n---\n${spoofed}`, id).body).toBe("Звіт: файл gpj.exe, сума 100 грн. Wikitext.");
      expect(parseArticle(` date 2024-01-02 ${spoofed}`, id).body).toBe("Звіт: файл gpj.exe, сума 100 грн. Wikitext.");
    }
    expect(parseArticle("+++\ntitle = \"\u2066Звіт\u2069\"\n+++\n\u202E# Текст.", "t.md")).toMatchObject({ title: "Звіт", body: "Текст." });
    // Right-to-left text needs its marks (U+200E, U+200F) to order numbers and punctuation: kept.
    const hebrew = "\u05E9\u05DC\u05D5\u05DD 2024\u200F, \u05EA\u05D5\u05D3\u05D4\u200E.";
    expect(parseArticle(hebrew, "h.txt").body).toBe(hebrew);
  });

  it("never titles an article '---': an unclosed front matter names it by its title line, the text stays", () => {
    const unclosed = parseArticle("---\ntitle: Never closed\nBody.", "u.md");
    expect(unclosed.title).toBe("Never closed");
    expect(unclosed.body).toBe("title: Never closed\nBody.");
    expect(parseArticle("---\n\nJust text here. More.", "r.md").title).toBe("Just text here");
    expect(parseArticle("***\n---\nПерший рядок тексту.", "r.md").title).toBe("Перший рядок тексту");
  });
});

describe("parseArticle and front matter as editors write it", () => {
  it("reads a header whose other keys hold lists or nested values (tags, authors), not as body text", () => {
    const raw = ["---", "title: Форум у Бішкеку", "tags:", "  - економіка", "  - Азія", "categories:", "- новини", "author:", "  name: Ірина", "date: 2026-02-04", "---", "Текст статті."].join("\n");
    for (const id of ["f.md", "f.txt"]) {
      expect(parseArticle(raw, id)).toMatchObject({ title: "Форум у Бішкеку", date: "2026-02-04", body: "Текст статті." });
    }
  });

  it("reads a title written on the lines under its key (YAML's > and |)", () => {
    const raw = ["---", "title: >-", "  Форум у Бішкеку:", "  що вирішили", "date: 2026-02-04", "---", "Текст."].join("\n");
    expect(parseArticle(raw, "f.md")).toMatchObject({ title: "Форум у Бішкеку: що вирішили", date: "2026-02-04", body: "Текст." });
  });

  it("still reads a block of prose between rules as text", () => {
    const raw = "---\ntitle: X\nnot a key line\n---\nBody.";
    expect(parseArticle(raw, "m.txt")).toMatchObject({ title: "title: X", date: null, body: raw });
    expect(parseArticle("---\n  indented first\n---\nBody.", "m.txt").body).toBe("---\n  indented first\n---\nBody.");
  });

  it("reads the quotes inside a quoted value as quotes, not as backslashes or doubled apostrophes", () => {
    const title = (value: string) => parseArticle(`---\ntitle: ${value}\n---\nТекст.`, "q.md").title;
    expect(title(String.raw`"Мер сказав \"ні\" плану"`)).toBe('Мер сказав "ні" плану');
    expect(title(String.raw`"Шлях C:\\Новини"`)).toBe(String.raw`Шлях C:\Новини`);
    expect(title("'Пам''ятник відкрили'")).toBe("Пам'ятник відкрили");
    expect(title(String.raw`Без лапок \"як є\"`)).toBe(String.raw`Без лапок \"як є\"`);
  });

  it("reads Hugo's TOML front matter between '+++' lines", () => {
    const raw = ["+++", 'title = "Форум у Бішкеку: \\"B5+1\\""', "date = 2026-02-04T10:00:00+02:00", 'tags = ["економіка",', '  "Азія"]', "url = 'https://example.org/a' # джерело", "[params]", 'source = "not the article\'s"', "+++", "Текст статті."].join("\n");
    expect(parseArticle(raw, "h.md")).toMatchObject({ title: 'Форум у Бішкеку: "B5+1"', date: "2026-02-04", url: "https://example.org/a", source: null, body: "Текст статті." });
  });
});
