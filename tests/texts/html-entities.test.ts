// Entities are read the same way in articles, questions and LLM replies: one module for all.
import { describe, expect, it } from "vitest";
import { decodeEntities, entityStartOut } from "../../src/texts/html-entities.js";

describe("decodeEntities", () => {
  it("reads named, decimal and hexadecimal entities; an unknown name and a bare '&' stay", () => {
    expect(decodeEntities("AT&amp;T &laquo;схвалив&raquo; &#8470;5 &#x2014; &foo; a & b")).toBe("AT&T «схвалив» №5 — &foo; a & b");
  });

  it("drops invisible characters and keeps an entity for a control or bidi override as written", () => {
    expect(decodeEntities("будів&#173;ництва ста&#8203;діону")).toBe("будівництва стадіону");
    expect(decodeEntities("файл &#x202E;gpj.exe &#0;")).toBe("файл &#x202E;gpj.exe &#0;");
  });

  it("reads once: '&amp;lt;' is the text '&lt;'", () => {
    expect(decodeEntities("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
  });
});

describe("entityStartOut", () => {
  it("holds back an entity's start at the end of a text being written, not an '&' that starts none", () => {
    expect(entityStartOut("Гор &mda")).toBe("Гор ");
    expect(entityStartOut("номер &#82")).toBe("номер ");
    expect(entityStartOut("AT&T")).toBe("AT&T");
  });
});
