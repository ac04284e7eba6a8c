import { describe, expect, it } from "vitest";
import { findCitationMarkers, renumberCitations } from "../../src/answers/citations.js";

describe("findCitationMarkers", () => {
  it("reads single, grouped, adjacent and range markers", () => {
    const markers = findCitationMarkers("a [1] b [2, 3] c [4][5] d [1-3] e [2020]");
    expect(markers.map((m) => m.numbers)).toEqual([[1], [2, 3], [4], [5], [1, 2, 3]]);
  });
});

describe("renumberCitations", () => {
  it("keeps valid markers, numbering sources by first appearance", () => {
    expect(renumberCitations("x [3]. y [1]. z [3].", 3)).toEqual({ text: "x [1]. y [2]. z [1].", cited: [3, 1] });
  });

  it("drops markers that point at no passage, with the space before them", () => {
    expect(renumberCitations("Claim [7]. Other [2].", 3)).toEqual({ text: "Claim. Other [1].", cited: [2] });
  });

  it("rewrites groups, dropping invalid and duplicate members", () => {
    expect(renumberCitations("a [2, 9, 2] b [1][2]", 2)).toEqual({ text: "a [1] b [2][1]", cited: [2, 1] });
  });

  it("drops a marker repeating the numbers of the marker right before it ('[1][1]', '[1, 2] [2]')", () => {
    expect(renumberCitations("a [1][1]. b [2, 1] [1]. c [1][2]. d [1]. [1] e", 2)).toEqual({ text: "a [1]. b [2, 1]. c [1][2]. d [1]. [1] e", cited: [1, 2] });
  });

  it("expands ranges and leaves bracketed years alone", () => {
    expect(renumberCitations("in [2020] it was [2-3]", 3)).toEqual({ text: "in [2020] it was [1, 2]", cited: [2, 3] });
  });

  it("returns nothing cited when no marker is valid", () => {
    expect(renumberCitations("No markers [0] here [5].", 4)).toEqual({ text: "No markers here.", cited: [] });
  });
});
