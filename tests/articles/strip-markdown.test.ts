import { describe, expect, it } from "vitest";
import { stripHtml, stripMarkdown } from "../../src/articles/strip-markdown.js";
import { parseArticle } from "../../src/articles/parse-article.js";
import { splitSentences } from "../../src/answers/sentences.js";

describe("stripMarkdown", () => {
  it("drops thematic breaks and heading underlines, which a quote would show as a run of dashes", () => {
    const body = ["Новий парк", "==========", "", "Суми отримали парк.", "", "---", "", "* * *", "Мер", "---", "Сказав мер."].join("\n");
    expect(stripMarkdown(body)).toBe(["Новий парк", "", "Суми отримали парк.", "", "", "Мер", "Сказав мер."].join("\n"));
  });

  it("keeps a link's text whole when its address holds parentheses (Wikipedia's disambiguations)", () => {
    expect(stripMarkdown("Див. [Суми](https://uk.wikipedia.org/wiki/Суми_(місто)) і далі.")).toBe("Див. Суми і далі.");
  });

  it("takes a heading's marks out in a quote block too: '> # Заголовок' is quoted as 'Заголовок'", () => {
    const body = ["> # Заголовок", "> > ## Бюджет ##", "# > не цитата"].join("\n");
    expect(stripMarkdown(body)).toBe(["Заголовок", "Бюджет", "> не цитата"].join("\n"));
  });

  it("takes a quote's marks out in a list item too: '- > цитата' is quoted as 'цитата'", () => {
    const body = ["- > цитата", "  * >> вкладена", "> - > пункт у цитаті", "- -> стрілка"].join("\n");
    expect(stripMarkdown(body)).toBe(["цитата", "  вкладена", "пункт у цитаті", "-> стрілка"].join("\n"));
  });

  it("takes a quote's marks out in a numbered item too: '1. > цитата' is quoted as '1. цитата'", () => {
    const body = ["1. > цитата", "  2) >> вкладена", "> 3. > у цитаті", "4. -> стрілка", "5. > # Заголовок"].join("\n");
    expect(stripMarkdown(body)).toBe(["1. цитата", "  2) вкладена", "3. у цитаті", "4. -> стрілка", "5. Заголовок"].join("\n"));
  });

  it("takes a heading's marks out in a list item too: '- # Заголовок' is quoted as 'Заголовок', '1. ## Title' as '1. Title'", () => {
    const body = ["- # Заголовок", "  * ### Бюджет ###", "1. ## Title", "10) # Ten", "> - > # Цитата", "- #хештег", "2. #5 за", "-  #  Пробіли  "].join("\n");
    expect(stripMarkdown(body)).toBe(["Заголовок", "  Бюджет", "1. Title", "10) Ten", "Цитата", "#хештег", "2. #5 за", "Пробіли"].join("\n"));
  });

  it("leaves a dash, a lone rule character and arithmetic in the text", () => {
    const body = ["Ціна — 5 - 3 гривні.", "--", "2 * 3 = 6"].join("\n");
    expect(stripMarkdown(body)).toBe(body);
  });

  // A heading's closing marks were found by a regex that tried the rest of a run of spaces at each
  // of its spaces: 200,000 of them took half a minute (a title's too, in the bot's process for an
  // upload). Read in one pass, well under a second; the limit leaves room for a loaded machine.
  it("reads a heading (and a header's title) holding a long run of spaces in one pass, its marks gone", { timeout: 10_000 }, () => {
    const spaces = " \t".repeat(100_000);
    expect(stripMarkdown(`## Бюджет${spaces}міста${spaces}##${spaces}\nТекст.`) === `Бюджет${spaces}міста\nТекст.`).toBe(true);
    expect(parseArticle(`---\ntitle: "# Бюджет${spaces}міста ##"\n---\nТекст.`, "h.md").title).toBe("Бюджет міста");
    expect(stripMarkdown(["## Бюджет ##", "# Ціна #5", "#5 за", "    # код"].join("\n"))).toBe(["Бюджет", "Ціна #5", "#5 за", "    # код"].join("\n"));
    expect(stripMarkdown(`- ## Бюджет${spaces}міста${spaces}##${spaces}\n1. #${spaces}`) === `Бюджет${spaces}міста\n1. `).toBe(true);
  });
});

describe("stripMarkdown and HTML in a Markdown article", () => {
  it("never keeps an HTML comment: an editor's note hidden in the page is not quoted to readers", () => {
    const body = ["Парк відкрили в суботу.", "<!-- редактор: перевірити факти -->", "Мер прийшов. <!-- не публікувати", "ім'я джерела --> Люди раділи."].join("\n");
    const text = stripMarkdown(body);
    expect(text).not.toMatch(/редактор|перевірити|не публікувати|джерела|<!--|-->/);
    expect(text).toContain("Парк відкрили в суботу.");
    expect(text).toContain("Мер прийшов.");
    expect(text).toContain("Люди раділи.");
  });

  it("never quotes a script's code or a style sheet, of which the page shows nothing, only their tags taken out", () => {
    const body = ["Парк відкрили в суботу.<script>alert(1)</script> Мер прийшов.", '<SCRIPT type="text/javascript">', "  track('visit');", "</Script >", "<style media=screen>p { color: red }</style>Люди раділи.<style>"].join("\n");
    expect(stripMarkdown(body).split("\n").map((line) => line.trim())).toEqual(["Парк відкрили в суботу. Мер прийшов.", "", "Люди раділи."]);
    expect(parseArticle("---\ntitle: Вибори<script>alert(1)</script> у Полтаві\n---\nТекст.", "t.md").title).toBe("Вибори у Полтаві");
  });

  it("shows a script in code as written: a code span or a fenced block about one keeps it, a fence in a comment goes with it", () => {
    const body = ["Рядок `<script>alert(1)</script>` запускав код.", "```html", "<script>alert(2)</script>", "<!-- a comment in code -->", "```", "<!--", "```", "hidden()", "```", "--> Кінець."].join("\n");
    expect(stripMarkdown(body)).toBe(["Рядок <script>alert(1)</script> запускав код.", "<script>alert(2)</script>", "<!-- a comment in code -->", " Кінець."].join("\n"));
  });

  it("takes out a block that closes after an unclosed one, and leaves an unclosed one's text (only its tags go)", () => {
    const cases: [string, string][] = [
      ["Мер <script>a <script>b</script> прийшов.", "Мер прийшов."],
      ["Мер <!-- a <style>b</style> прийшов.", "Мер <!-- a прийшов."],
      ["Мер <style>a</script> b <style>c</style> прийшов.", "Мер прийшов."],
      ["Мер <script>a</style> прийшов. <!-- b --> Люди <script>c", "Мер a прийшов. Люди c"],
      // The tag ends at its first ">" (the comment's), so the block runs to "</SCRIPT>".
      ["Мер <script a <!-- b --> прийшов. <script>c</SCRIPT\n> Люди", "Мер Люди"],
      ["Мер <script a прийшов. <!--> b <!---> Люди <style", "Мер <script a прийшов. Люди <style"],
    ];
    for (const [body, shown] of cases) expect(stripMarkdown(body), body).toBe(shown);
    expect(stripHtml("Вибори <script>a <!-- b --> у <style>c")).toBe("Вибори a у c");
    expect(stripHtml("Вибори <!-- a <script>b</script> у --> Полтаві")).toBe("Вибори Полтаві");
  });

  it("leaves one space where a hidden block stood between words, and the line breaks and spaces the text has itself", () => {
    expect(stripHtml("Гор <script>x</script> – посол <!-- a --> <!-- b -->\tСША.")).toBe("Гор – посол США.");
    expect(stripMarkdown("Гор  <!-- a --> посол <!-- b -->\nСША\n<!-- c --> і <style>d</style>\n\nдалі.")).toBe("Гор  посол \nСША\n і \n\nдалі.");
  });

  // An admin's upload or an ingest of a 5 MB article of them took minutes (2 MB: 52 s for "<script>a ").
  // Linear, it takes well under a second; the limit leaves room for a loaded machine (2.5 s seen).
  it.each([
    ["<script>a ", "a "],
    ["<style x>", "<style x>"],
    ["<!--a ", "<!--a "],
  ])("reads 2 MB of unclosed %j in one pass, keeping their text", { timeout: 10_000 }, (unit, shown) => {
    const times = Math.ceil(2_000_000 / unit.length);
    expect(stripMarkdown(unit.repeat(times)) === shown.repeat(times)).toBe(true);
    expect(stripHtml(`${unit.repeat(times)}`) === shown.repeat(times)).toBe(true);
  });

  // One 100 KB line of them took 4 s; a 5 MB upload, minutes.
  it.each(["**a ", "__a "])("reads a long line of unclosed %j in one pass, keeping its text", { timeout: 2000 }, (unit) => {
    const line = unit.repeat(500_000 / unit.length);
    expect(stripMarkdown(line) === line).toBe(true);
    expect(stripMarkdown("**Мер** прийшов, __люди__ раділи, a**b")).toBe("Мер прийшов, люди раділи, a**b");
  });

  it("shows the words of HTML markup, not its tags and entities", () => {
    const body = ['<p align="center"><img src="x.png" alt="x"></p>', "Парк відкрили в <b>суботу</b> після двох років роботи.<br>", "Там фонтан &amp; майданчик&nbsp;для дітей, &laquo;сад&raquo; і &#8470;&#x31;.", "<div>Перше речення.</div><div>Друге речення.</div>"].join("\n");
    expect(stripMarkdown(body).split("\n").map((line) => line.trim())).toEqual([
      "",
      "Парк відкрили в суботу після двох років роботи.",
      "Там фонтан & майданчик\u00a0для дітей, «сад» і №1.",
      "Перше речення. Друге речення.",
    ]);
  });

  it("leaves what only looks like a tag: comparisons, arrows, an autolink's address", () => {
    const body = "Якщо 5 < 6 і 7 > 3, то a<b; ->, <-, <https://example.org/x> і <3.";
    expect(stripMarkdown(body)).toBe("Якщо 5 < 6 і 7 > 3, то a<b; ->, <-, <https://example.org/x> і <3.");
  });

  it("never takes prose between a '<' and a '>' for a tag: 'if a<b and c>d' keeps its words", () => {
    expect(stripMarkdown("If a<b and c>d, then x <y or z> w.")).toBe("If a<b and c>d, then x <y or z> w.");
    expect(stripMarkdown('Logo: <img src="x.png" alt="Логотип"> and <a href=/x>link</a>.')).toBe("Logo: and link.");
  });

  // As a hidden block does (see "leaves one space where a hidden block stood"): a quote showed "Logo:  and".
  it("leaves one space where a tag stood between words, a block's end one if there is none, and the line breaks and spaces the text has itself", () => {
    expect(stripHtml("Гор <b>–</b> посол <i> </i>\tСША <img src=x>.")).toBe("Гор – посол США .");
    expect(stripMarkdown("Перше.<br> Друге. <br>Третє. </p> <p> Четверте.<br>П'яте.")).toBe("Перше. Друге. Третє. Четверте. П'яте.");
    expect(stripHtml("Гор  <b> посол <b>\nСША\n<br> і")).toBe("Гор  посол \nСША\n і");
  });

  it("shows code as written: a code span or a fenced block keeps its tags, entities and asterisks", () => {
    const body = ["Use the `<br>` tag and the `&amp;` entity, not **bold**.", "```html", "<p>**text**</p> &nbsp;", "```", "After <b>it</b>."].join("\n");
    expect(stripMarkdown(body)).toBe(["Use the <br> tag and the &amp; entity, not bold.", "<p>**text**</p> &nbsp;", "After it."].join("\n"));
  });

  it("keeps an article's own private-use characters (icon-font glyphs) as written, next to a code span", () => {
    // Code spans are set aside as "\uE000<n>\uE001" while the rest is read: the article's own must not be read as one.
    const body = "Іконка \uE0000\uE001 і `код`, \uE0005\uE001 та &#xE000;1&#xE001; кінець.";
    expect(stripMarkdown(body)).toBe("Іконка \uE0000\uE001 і код, \uE0005\uE001 та \uE0001\uE001 кінець.");
    expect(parseArticle("---\ntitle: \uE0000\uE001 `v2`\n---\nТекст.", "i.md").title).toBe("\uE0000\uE001 v2");
  });
});

describe("stripMarkdown and footnotes", () => {
  it("keeps a footnote's text and drops its marks: the source of a figure is not lost, no '[^1]' is quoted", () => {
    const body = ["Звіт[^1] каже, що експорт зріс на 5 %.[^note]", "", "[^1]: Звіт Мінекономіки, 2026.", "[^note]: Попередні дані.", "[джерело]: https://example.org/report"].join("\n");
    expect(stripMarkdown(body)).toBe(["Звіт каже, що експорт зріс на 5 %.", "", "Звіт Мінекономіки, 2026.", "Попередні дані."].join("\n"));
  });
});

describe("stripMarkdown and tables", () => {
  it("reads a table as text: each row a line naming its cells by the header, no pipes or separator row quoted", () => {
    const body = ["Бюджет міста зріс.", "", "| **Рік:** | Бюджет |", "|:---|---:|", "| 2024 | 5 млн |", "| 2025 | [6 млн](https://example.org) |", "", "Кінець."].join("\n");
    expect(stripMarkdown(body)).toBe(["Бюджет міста зріс.", "", "Рік: 2024; Бюджет: 5 млн", "Рік: 2025; Бюджет: 6 млн", "", "Кінець."].join("\n"));
    // A quote is one sentence: a row alone still says what its numbers are.
    expect(splitSentences(stripMarkdown(body)).map((s) => s.text)).toContain("Рік: 2025; Бюджет: 6 млн");
  });

  it("reads a table without outer pipes, an escaped pipe, empty cells and a row's unnamed first cell", () => {
    const body = ["Місто | Бюджет | Примітка", "--- | --- | ---", "Київ | 5 млн |", "Суми | | a \\| b", "| | |"].join("\n");
    expect(stripMarkdown(body)).toBe(["Місто: Київ; Бюджет: 5 млн", "Місто: Суми; Примітка: a | b"].join("\n"));
    expect(stripMarkdown(["| | 2024 |", "|---|---|", "| Київ | 5 млн |"].join("\n"))).toBe("Київ; 2024: 5 млн");
    // A table of no rows keeps its header's words; so does one whose header is too long to be
    // repeated in each row as names (a table of thousands of rows would be many times its size).
    expect(stripMarkdown(["| Рік | Бюджет |", "|---|---|", "", "Далі."].join("\n"))).toBe(["Рік; Бюджет", "", "Далі."].join("\n"));
    const long = "Дуже довгий заголовок ".repeat(5).trim();
    expect(stripMarkdown([`| Рік | ${long} |`, "|---|---|", "| 2024 | 5 млн |"].join("\n"))).toBe([`Рік; ${long}`, "2024; 5 млн"].join("\n"));
  });

  it("reads a table in a quote block as one at top level, its rows in the quote only", () => {
    const body = ["Мер сказав:", "> | Рік | Бюджет |", "> |---|---|", "> | 2024 | 5 млн |", "> Кінець."].join("\n");
    expect(stripMarkdown(body)).toBe(["Мер сказав:", "Рік: 2024; Бюджет: 5 млн", "Кінець."].join("\n"));
    expect(stripMarkdown(["> > Рік | Бюджет", "> > --- | ---", "> > 2024 | 5 млн"].join("\n"))).toBe("Рік: 2024; Бюджет: 5 млн");
    // A quote's line is no row of a table above it, nor its separator.
    expect(stripMarkdown(["| Рік | Бюджет |", "> |---|---|"].join("\n"))).toBe(["| Рік | Бюджет |", "|---|---|"].join("\n"));
  });

  it("leaves a pipe in prose, a header with no separator row and a table in code as written", () => {
    const prose = ["Вибір a | b не змінився.", "Рік | Бюджет", "2024 | 5 млн"].join("\n");
    expect(stripMarkdown(prose)).toBe(prose);
    // Columns that do not match the header are no separator.
    expect(stripMarkdown(["a | b | c", "---|---"].join("\n"))).toBe(["a | b | c", "---|---"].join("\n"));
    expect(stripMarkdown(["```", "| a | b |", "|---|---|", "```"].join("\n"))).toBe(["| a | b |", "|---|---|"].join("\n"));
  });
});
