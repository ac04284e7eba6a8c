// Clipping titles, questions and file names (the /remove buttons): the length is in UTF-16 units,
// what Telegram counts, and a cut never splits a character made of several code points.
import { describe, expect, it } from "vitest";
import { clip, clipMiddle } from "../../src/bot/clip.js";

const FAMILY = "👨‍👩‍👧"; // 5 code points (three people joined by ZWJ), 8 UTF-16 units
const FLAG = "🇺🇦"; // two regional indicators, 4 units
const E_ACUTE = "e\u0301"; // a decomposed é, as macOS writes file names: 2 units

/** Every character of `clipped` (the "…" aside) is a whole character of `text`. */
function wholeCharactersOf(clipped: string, text: string): boolean {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const of = (s: string) => new Set(Array.from(segmenter.segment(s), (g) => g.segment));
  const source = of(text);
  return [...of(clipped)].every((g) => g === "…" || source.has(g));
}

describe("clip", () => {
  it("leaves text that fits as it is", () => {
    const text = `Родина ${FAMILY} у ${FLAG} Каф${E_ACUTE}`;
    expect(clip(text, text.length)).toBe(text);
  });

  it("drops an emoji sequence that does not fit whole, not a part of it", () => {
    const text = `Родина ${FAMILY} на відпочинку`;
    expect(clip(text, 10)).toBe("Родина …"); // the cut falls inside the family: all of it goes
    expect(clip(text, 16)).toBe(`Родина ${FAMILY}…`);
    expect(clip(`Прапор ${FLAG}${FLAG}`, 9)).toBe("Прапор …"); // not a lone 🇺, shown as a letter U
  });

  it("keeps a letter with its combining accent", () => {
    expect(clip(`Caf${E_ACUTE} menu`, 5)).toBe("Caf…"); // not "Cafe…", another word
    expect(clip(`Caf${E_ACUTE} menu`, 6)).toBe(`Caf${E_ACUTE}…`);
  });

  it("counts UTF-16 units, as Telegram does: the result never exceeds the limit", () => {
    const smileys = "😀".repeat(10);
    expect(clip(smileys, 6)).toBe("😀😀…");
    for (const text of [smileys, `${FAMILY.repeat(5)} родина`, `${FLAG.repeat(9)}!`, `Caf${E_ACUTE}`.repeat(20)]) {
      for (let max = 1; max <= text.length; max++) {
        const clipped = clip(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(wholeCharactersOf(clipped, text)).toBe(true);
      }
    }
  });
});

describe("clipMiddle (the /remove buttons' file names)", () => {
  it("leaves a name that fits as it is", () => {
    const name = `Каф${E_ACUTE} ${FLAG}.txt`;
    expect(clipMiddle(name, name.length)).toBe(name);
  });

  it("keeps whole characters at the start and at the end of the name", () => {
    // A third of 9 units for the start (the family does not fit after "ab"), 6 for the end.
    expect(clipMiddle(`ab${FAMILY} звіт за рік.txt`, 10)).toBe("ab…ік.txt");
    // 5 units for the end: the flag (4) does not fit before ".txt", nor half of it.
    expect(clipMiddle(`Звіт ${FLAG}.txt`, 8)).toBe("Зв….txt");
    // A decomposed é at the end: not the lone accent, which would sit on the "…".
    expect(clipMiddle(`Резюме каф${E_ACUTE}.txt`, 8)).toBe("Ре….txt");
    expect(clipMiddle(`Резюме каф${E_ACUTE}.txt`, 9)).toBe(`Ре…${E_ACUTE}.txt`);
  });

  it("stays within the limit in UTF-16 units, cutting between whole characters", () => {
    const names = [`${FAMILY} ${"родина ".repeat(8)}${FAMILY}.md`, `${FLAG.repeat(12)}.txt`, `${"Cafe\u0301 ".repeat(12)}.txt`];
    for (const name of names) {
      for (let max = 1; max <= name.length; max++) {
        const clipped = clipMiddle(name, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(wholeCharactersOf(clipped, name)).toBe(true);
      }
    }
  });
});
