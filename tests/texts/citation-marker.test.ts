import { describe, expect, it } from "vitest";
import { normalizeCitationMarkers, stripCitationMarkers } from "../../src/texts/citation-marker.js";

describe("stripCitationMarkers", () => {
  it("drops every form of marker and the space before it; a bracketed year is text", () => {
    expect(stripCitationMarkers("X [1]. Y [2, 3]")).toBe("X. Y");
    expect(stripCitationMarkers("A [1][2], B [1-3]; C [ 4 ; 5 ] D [1999].")).toBe("A, B; C D [1999].");
    expect(stripCitationMarkers("[1] Перше.\nДруге [2]!")).toBe("Перше.\nДруге!");
  });
});

describe("normalizeCitationMarkers", () => {
  it("reads a model's long unclosed list of passages named in words in linear time, as it is streamed", () => {
    // Each named passage could take its spaces two ways or more ("Passage 1": before or after an
    // absent colon): exponential, these took 5 s and more each, 40 passages hours, the event loop and
    // every chat's answers held meanwhile.
    for (const reply of [`[Passage 1${" and Passage 2".repeat(25)}`, `[Sources 1${", Source  2".repeat(16)}`, `(Уривок 1${", уривок 2".repeat(25)} далі`]) {
      const started = performance.now();
      expect(normalizeCitationMarkers(reply, 3)).toBe(reply);
      // Room for a loaded machine (linear, a millisecond).
      expect(performance.now() - started, reply.slice(0, 12)).toBeLessThan(1_000);
    }
    expect(normalizeCitationMarkers("A [Passage 1 and Passage 3], B [Source: 2], C [Sources 1 , 2].", 3)).toBe("A [1, 3], B [2], C [1 , 2].");
  });
});
