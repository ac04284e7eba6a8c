import { describe, expect, it } from "vitest";
import { duplicateTitleWarnings } from "../../src/articles/duplicate-titles.js";
import { warningText } from "../../src/texts/skip-texts.js";

describe("articles that share a title", () => {
  it("get one warning per shared title, on the first file by name, naming the others; a title of its own gets none", () => {
    const warnings = duplicateTitleWarnings([
      { id: "news/b.md", title: "Нічні трамваї" },
      { id: "a.txt", title: "Міст у Львові" },
      { id: "news/a.md", title: "Нічні  трамваї " }, // the same once its spaces are collapsed
      { id: "c.txt", title: "Міст у львові" }, // another letter's case: told apart when shown
    ]);
    expect(warnings).toEqual([
      {
        file: "news/a.md",
        code: "duplicate-title",
        title: "Нічні трамваї",
        others: ["news/b.md"],
        reason: 'the title "Нічні трамваї" is also the title of news/b.md; answers, /latest and source buttons show them alike, so give each its own title',
      },
    ]);
    expect(warningText("uk", warnings[0]!)).toBe(
      "заголовок «Нічні трамваї» має й news/b.md; у відповідях, /latest і на кнопках джерел вони виглядають однаково, тож дайте кожній статті свій заголовок",
    );
  });

  it("name three other files at most and count the rest, with long paths cut as the caller asks", () => {
    const articles = Array.from({ length: 6 }, (_, i) => ({ id: `${i}.md`, title: "Новини" }));
    const [warning] = duplicateTitleWarnings(articles);
    expect(warning?.others).toEqual(["1.md", "2.md", "3.md", "4.md", "5.md"]);
    expect(warning?.reason).toContain("is also the title of 1.md, 2.md, 3.md and 2 more;");
    expect(warningText("uk", warning!, (f) => `[${f}]`)).toContain("має й [1.md], [2.md], [3.md] і ще 2;");
    expect(warningText("en", warning!, (f) => `[${f}]`)).toContain("is also the title of [1.md], [2.md], [3.md] and 2 more;");
    expect(duplicateTitleWarnings([{ id: "a.md", title: "A" }, { id: "b.md", title: "B" }])).toEqual([]);
  });

  it("cut a long shared title between whole characters: half an emoji would make Telegram refuse the summary", () => {
    const title = `${"Новини ".repeat(8)}ок 🇺🇦 дня`; // the flag straddles the 60th character
    const [warning] = duplicateTitleWarnings([{ id: "a.md", title }, { id: "b.md", title }]);
    expect(warning?.title).toBe(`${"Новини ".repeat(8)}ок…`);
    const halfACharacter = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(warning?.reason).not.toMatch(halfACharacter);
  });
});
