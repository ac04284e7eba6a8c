import { describe, expect, it } from "vitest";
import { claimSpans, keepCitedSentences, sourcesLinesOut } from "../../src/answers/cited-sentences.js";

describe("keepCitedSentences", () => {
  it("drops sentences that cite nothing and counts them", () => {
    expect(keepCitedSentences("Real [1]. Fake. Also real [2]!")).toEqual({ text: "Real [1]. Also real [2]!", dropped: 1 });
  });

  it("gives a marker placed after the full stop to the sentence before it", () => {
    expect(keepCitedSentences("Real. [1] Uncited claim.").text).toBe("Real. [1]");
  });

  it("gives markers written before the claims to the claim after them: none dangles, an uncited claim still goes", () => {
    expect(keepCitedSentences("[1] Alpha rose. [2] Beta fell.")).toEqual({ text: "[1] Alpha rose. [2] Beta fell.", dropped: 0 });
    expect(keepCitedSentences("[1] Alpha rose. Gamma is invented. [2] Beta fell.")).toEqual({ text: "[1] Alpha rose. [2] Beta fell.", dropped: 1 });
    expect(keepCitedSentences("1. [1] Alpha rose.\n2. [2] Beta fell.")).toEqual({ text: "1. [1] Alpha rose.\n2. [2] Beta fell.", dropped: 0 });
  });

  it("drops a '[2] Title' line of the model's own with its marker; a marker alone on a line joins the line before", () => {
    expect(keepCitedSentences("Real [1].\n\n[2] Title of an article\nAlso real [2].")).toEqual({ text: "Real [1].\n\nAlso real [2].", dropped: 1 });
    expect(keepCitedSentences("Real.\n[1]\nAlso real. [2]").text).toBe("Real. [1]\nAlso real. [2]");
  });

  it("keeps a line opening with its marker as that claim, cited, after a cited claim or an intro; a title there is still the model's list of sources", () => {
    // Before, each was read as a "[2] Title" line: dropped, and the answer left without it.
    expect(keepCitedSentences("Гор є послом [1].\n[2] Гор зустрівся з Джапаровим.")).toEqual({ text: "Гор є послом [1].\n[2] Гор зустрівся з Джапаровим.", dropped: 0 });
    expect(keepCitedSentences("Гор є послом [1].\n\n[1] Гор зустрівся з Джапаровим! Це було в Бішкеку [1].").text).toBe("Гор є послом [1].\n\n[1] Гор зустрівся з Джапаровим! Це було в Бішкеку [1].");
    expect(keepCitedSentences("Ось що відомо:\n[1] Гор зустрівся з Джапаровим.")).toEqual({ text: "[1] Гор зустрівся з Джапаровим.", dropped: 1 });
    // A passage's title, with its date and full stop, ends as a sentence but names a source.
    const titles = ["Серджіо Гор прибув до Делі"];
    expect(keepCitedSentences("Гор є послом [1].\n[1] Серджіо Гор прибув до Делі (2026-02-05).", titles)).toEqual({ text: "Гор є послом [1].", dropped: 1 });
    // After an uncited sentence, a marker on the next line may be that sentence's, as before.
    expect(keepCitedSentences("Гор є послом.\n[1] Гор зустрівся з Джапаровим.").text).toBe("Гор є послом. [1]");
  });

  it("keeps list numbers with their cited items and keeps paragraph breaks", () => {
    const text = "Intro without source.\n\n1. First fact [1].\n2. Invented fact.\n3. Third fact [2].";
    expect(keepCitedSentences(text)).toEqual({ text: "1. First fact [1].\n3. Third fact [2].", dropped: 2 });
  });

  it("returns nothing when nothing is cited", () => {
    expect(keepCitedSentences("No sources here. None at all.")).toEqual({ text: "", dropped: 2 });
  });

  it("reads a marker after a sentence's end as that sentence's, in every style (claimSpans, also what the quotes back up)", () => {
    const claims = (text: string) => claimSpans(text).map((s) => text.slice(s.start, s.end));
    for (const [text, expected] of [
      ["Alpha rose. [1] Beta fell. [2]", ["Alpha rose. [1]", "Beta fell. [2]"]],
      ["Alpha rose.[1] Beta fell.[2]", ["Alpha rose.[1]", "Beta fell.[2]"]],
      ["Альфа зросла… [1][2] Бета впала… [3]", ["Альфа зросла… [1][2]", "Бета впала… [3]"]],
      ["Він сказав: «Так.» [1] Вона сказала «ні». [2]", ["Він сказав: «Так.» [1]", "Вона сказала «ні». [2]"]],
      ["[1] Alpha rose. [2] Beta fell.", ["[1] Alpha rose.", "[2] Beta fell."]],
    ] as const) {
      expect(claims(text), text).toEqual(expected);
    }
  });
});

describe("sourcesLinesOut", () => {
  it("reads a 32 KB sources line of one long run of spaces, dashes or list marks in linear time", () => {
    // What follows a label's marker is the model's to write: its trailing runs ("a ; ; ; … b",
    // "a      (b") were trimmed by patterns tried at every place of the run, each scanning to its end.
    for (const run of [" ".repeat(32 * 1024), " ;".repeat(16 * 1024), "-".repeat(32 * 1024), `${" ".repeat(32 * 1024)}(`]) {
      const line = `Гор прибув [1].\nДжерело: [1] a${run}b`;
      const started = performance.now();
      expect(sourcesLinesOut(line, ["Серджіо Гор прибув до Делі"])).toBe("Гор прибув [1].\n");
      // Quadratic, each of the four patterns took 1.5 s or more (8 s for a run of spaces); linear, a
      // few milliseconds: the bound leaves a loaded machine room.
      expect(performance.now() - started, JSON.stringify(run.slice(0, 4))).toBeLessThan(500);
    }
  });

  it("gives a labelled line of sources to the claims since the last one when they cite nothing, and drops it when they do", () => {
    expect(sourcesLinesOut("Alpha rose.\nSources: [1], [2]")).toBe("Alpha rose.\n[1][2]");
    expect(sourcesLinesOut("Alpha rose [1].\n\nДжерела: [1], [2]")).toBe("Alpha rose [1].\n\n");
    expect(sourcesLinesOut("Alpha rose.\nДжерело: [1]\n\nBeta fell.\nИсточник: [2] Title")).toBe("Alpha rose.\n[1]\n\nBeta fell.\n[2]");
    // No colon, or prose after it: a claim, not a list of sources.
    expect(sourcesLinesOut("Джерело [1] каже, що Гор — посол.")).toBe("Джерело [1] каже, що Гор — посол.");
    expect(sourcesLinesOut("Sources: officials said so [1].")).toBe("Sources: officials said so [1].");
  });

  it("keeps a claim written after the label's markers, cited by them; titles after the markers still go", () => {
    const titles = ["Серджіо Гор прибув до Делі", "Хто такий Серджіо Гор?"];
    // Before: "Джерело: [1]" became "[1]", the claim lost (and, alone, the answer quoted the article instead).
    expect(sourcesLinesOut("Джерело: [1] Гор — посол США в Індії.", titles)).toBe("Джерело: [1] Гор — посол США в Індії.");
    expect(sourcesLinesOut("Гор прибув до Делі [1].\nДжерело: [1] Гор — посол США в Індії.", titles)).toBe(
      "Гор прибув до Делі [1].\nДжерело: [1] Гор — посол США в Індії.",
    );
    expect(sourcesLinesOut("Sources: [1] Gor arrived in Delhi! [2] He met Modi.", titles)).toBe("Sources: [1] Gor arrived in Delhi! [2] He met Modi.");
    // A passage's title (as its header showed it, with its date, quoted, cut with "…"), even one ending like a sentence.
    expect(sourcesLinesOut("Гор прибув.\nДжерело: [2] Хто такий Серджіо Гор?", titles)).toBe("Гор прибув.\n[2]");
    expect(sourcesLinesOut("Гор прибув.\nДжерела: [1] «Серджіо Гор прибув до Делі» (2026-02-05). [2] Хто такий…", titles)).toBe("Гор прибув.\n[1][2]");
    // Words ending as no sentence does (a translated title), or a list whose full stop ends it.
    expect(sourcesLinesOut("Gor arrived [1].\nSources: [1] Sergio Gor arrives in Delhi", titles)).toBe("Gor arrived [1].\n");
    expect(sourcesLinesOut("Gor arrived.\nReferences: [1] Gor arrives in Delhi; [2] Who is Gor.", titles)).toBe("Gor arrived.\n[1][2]");
  });
});

describe("keepCitedSentences and questions", () => {
  it("shows no question, even with a marker: the model echoing what was asked is no claim; a claim quoting a question stays", () => {
    // Before: "[1] Хто такий Гор?" was a cited claim, shown as the answer's first line.
    expect(keepCitedSentences("[1] Хто такий Гор?\nГор є послом США в Індії [1].").text).toBe("Гор є послом США в Індії [1].");
    expect(keepCitedSentences("Кто такой Гор? [1] Гор — посол США [1].").text).toBe("Гор — посол США [1].");
    expect(keepCitedSentences("Who is Gor [1]?").text).toBe("");
    expect(keepCitedSentences("Він спитав: «Хто такий Гор?» [1]").text).toBe("Він спитав: «Хто такий Гор?» [1]");
  });
});
