import { describe, expect, it } from "vitest";
import { stripCitationMarkers } from "../../src/texts/citation-marker.js";

describe("stripCitationMarkers", () => {
  it("drops every form of marker and the space before it; a bracketed year is text", () => {
    expect(stripCitationMarkers("X [1]. Y [2, 3]")).toBe("X. Y");
    expect(stripCitationMarkers("A [1][2], B [1-3]; C [ 4 ; 5 ] D [1999].")).toBe("A, B; C D [1999].");
    expect(stripCitationMarkers("[1] Перше.\nДруге [2]!")).toBe("Перше.\nДруге!");
  });
});
