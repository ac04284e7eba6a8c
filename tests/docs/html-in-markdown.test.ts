// GitHub renders HTML written as is in Markdown: "Хто такий <b>Серджіо Гор</b>?" showed as a
// bold name, not as the question with its tags that the README meant. A tag the docs mention is
// written in code (`<b>`), where it shows as typed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/run-cli.js";

const PAGES = ["README.md", ...readdirSync(join(REPO_ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/** The HTML tags a Markdown text has outside code blocks and code spans (an autolink `<https://…>` is none). */
function rawTags(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/(`+)[\s\S]*?\1/g, "");
  return [...prose.matchAll(/<\/?[a-z][\w-]*(\s[^<>]*)?\/?>/gi)].map((match) => match[0]);
}

describe("the docs' Markdown", () => {
  it("finds a tag written as is, and none in code", () => {
    expect(rawTags('"Хто такий <b>Серджіо Гор</b>?" and `<i>`, a <https://example.org> link')).toEqual(["<b>", "</b>"]);
    expect(rawTags("`Що таке\nArray<string>?`\n```html\n<div>\n```\n")).toEqual([]);
  });

  it.each(PAGES)("%s writes every HTML tag it mentions in code, so that it shows as typed", (page) => {
    expect(rawTags(readFileSync(join(REPO_ROOT, page), "utf8"))).toEqual([]);
  });
});
