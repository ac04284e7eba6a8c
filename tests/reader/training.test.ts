import { describe, expect, it } from "vitest";
import { refusedAtFalseNotFound } from "../../src/reader/training.js";

describe("refusedAtFalseNotFound", () => {
  // 20 answerable scores 0.05, 0.10, …, 1.00: refusing 5 % of them means a threshold of 0.10.
  const answerable = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);

  it("counts the refusals below the threshold that refuses that share of the answerable questions", () => {
    expect(refusedAtFalseNotFound(answerable, [0.01, 0.06, 0.09, 0.1, 0.5], 0.05)).toBeCloseTo(3 / 5);
    expect(refusedAtFalseNotFound(answerable, [0.01, 0.06, 0.09, 0.1, 0.5], 0.25)).toBeCloseTo(4 / 5);
  });

  it("does not depend on the order of the scores", () => {
    expect(refusedAtFalseNotFound([...answerable].reverse(), [0.5, 0.01], 0.05)).toBeCloseTo(1 / 2);
  });

  it("is 0 without refusals; at rate 0 the threshold is the lowest answerable score", () => {
    expect(refusedAtFalseNotFound(answerable, [], 0.05)).toBe(0);
    expect(refusedAtFalseNotFound(answerable, [0.01], 0)).toBe(1);
    expect(refusedAtFalseNotFound(answerable, [0.05], 0)).toBe(0);
  });
});
