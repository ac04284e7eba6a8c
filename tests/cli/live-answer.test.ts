import { describe, expect, it } from "vitest";
import { createLiveAnswer } from "../../src/cli/live-answer.js";
import { FakeTerminal } from "../helpers/fake-terminal.js";

/** A terminal with a command line already on it, and the answer shown there. */
function setUp(columns: number, rows: number) {
  const terminal = new FakeTerminal(columns, rows);
  terminal.write("$ npm run ask\n");
  return { terminal, live: createLiveAnswer(terminal) };
}

describe("createLiveAnswer", () => {
  it("grows the answer by what is new, then writes only the rest of the final output", () => {
    const { terminal, live } = setUp(20, 10);
    live.show("Перше речення");
    live.show("Перше речення [1]. Друге");
    live.finish("Перше речення [1]. Друге [2].\n\nДжерела:\n");
    expect(terminal.written.slice(1)).toEqual(["Перше речення", " [1]. Друге", " [2].\n\nДжерела:\n"]);
    expect(terminal.text()).toBe("$ npm run ask\nПерше речення [1]. Друге [2].\n\nДжерела:\n");
  });

  it("a final output that differs from what was shown (several rows) takes its place; the lines above stay", () => {
    const { terminal, live } = setUp(12, 10);
    live.show("One sentence [1].\nAnother, cited nowhere. A third [2]");
    live.finish("As of 4 February 2026: One sentence [1]. A third [2].\n");
    expect(terminal.text()).toBe("$ npm run ask\nAs of 4 February 2026: One sentence [1]. A third [2].\n");
  });

  it("an answer taller than the screen is shown as far as it fits: erasing never reaches above the screen", () => {
    const { terminal, live } = setUp(10, 4);
    const words = ["word0", "word1", "word2", "word3", "word4", "word5", "word6"];
    for (let i = 1; i <= words.length; i++) live.show(words.slice(0, i).join(" "));
    // Fewer rows than the screen's 4, of 10 columns: 29 characters are the most that fit.
    expect(terminal.text()).toBe("$ npm run ask\nword0 word1 word2 word3 word4");
    live.finish("Other words [1].\n");
    expect(terminal.text()).toBe("$ npm run ask\nOther words [1].\n");
  });

  it("drops terminal controls a model copied from an article (an OSC 52 clipboard write, a C1 CSI): shown and printed without them", () => {
    // FakeTerminal throws on any escape sequence other than the cursor moves live-answer writes.
    const { terminal, live } = setUp(40, 10);
    live.show("Гор \u001b]52;c;SGVsbG8=\u0007– посланець");
    live.show("Гор \u001b]52;c;SGVsbG8=\u0007– посланець \u009b2J[1].");
    live.finish("Гор \u001b]52;c;SGVsbG8=\u0007– посланець \u009b2J[1].\n\u007f");
    expect(terminal.text()).toBe("$ npm run ask\nГор ]52;c;SGVsbG8=– посланець 2J[1].\n");
    for (const control of ["\u001b]", "\u0007", "\u007f", "\u009b"]) expect(terminal.written.join("")).not.toContain(control);
    expect(terminal.written[1]).toBe("Гор ]52;c;SGVsbG8=– посланець"); // the preview went on past them
  });

  it("stops before a character whose width terminals disagree on", () => {
    const { terminal, live } = setUp(20, 10);
    live.show("Назва 東京 і далі");
    live.show("Назва 東京 і далі 👍");
    expect(terminal.written.slice(1)).toEqual(["Назва "]);
    live.finish("Назва 東京 і далі 👍 [1]\n");
    expect(terminal.text()).toBe("$ npm run ask\nНазва 東京 і далі 👍 [1]\n");
  });

  it("clear() erases the answer so that other output takes its place; the next update shows it again below", () => {
    const { terminal, live } = setUp(20, 10);
    live.show("Half an answer that wraps");
    live.clear();
    terminal.write("warning: something\n");
    live.show("Half an answer that wraps again");
    live.finish("The answer.\n");
    expect(terminal.text()).toBe("$ npm run ask\nwarning: something\nThe answer.\n");
  });

  it("clear() after finish() leaves the final output on screen: a warning logged after the answer goes below it", () => {
    const { terminal, live } = setUp(20, 10);
    live.show("Half an answer");
    live.finish("Half an answer [1].\n");
    live.clear();
    terminal.write("warning: closing\n");
    expect(terminal.text()).toBe("$ npm run ask\nHalf an answer [1].\nwarning: closing\n");
  });

  it("shows nothing on a terminal that does not tell its size, and ignores updates after the end", () => {
    const written: string[] = [];
    const live = createLiveAnswer({ write: (text: string) => written.push(text) });
    live.show("Some words");
    live.finish("The answer.\n");
    live.show("Late words");
    expect(written).toEqual(["The answer.\n"]);
  });
});
