import { describe, expect, it } from "vitest";
import { planGraph, type ServingGraph } from "../../src/store/hnsw/graph-plan.js";

const never = () => false;

describe("planGraph", () => {
  it("keeps the label of each unchanged vector, adds the rest with fresh labels, deletes what nobody keeps", () => {
    // Labels 0–4, label 2 deleted by an earlier build.
    const serving: ServingGraph = { size: 5, chunks: [{ label: 0, key: "A" }, { label: 1, key: "B" }, { label: 3, key: "C" }, { label: 4, key: "D" }] };
    const plan = planGraph(serving, [{ id: "x#0", key: "B" }, { id: "x#1", key: "E" }, { id: "y#0", key: "D" }, { id: "z#0", key: "F" }], never);
    expect(plan).toEqual({ labels: [1, 5, 4, 6], add: [1, 3], remove: [0, 3], size: 7, deleted: 3 });
  });

  it("pairs equal vectors one to one (two chunks of the same text keep two labels, a third is added)", () => {
    const serving: ServingGraph = { size: 2, chunks: [{ label: 0, key: "A" }, { label: 1, key: "A" }] };
    const plan = planGraph(serving, [{ id: "a#0", key: "A" }, { id: "b#0", key: "A" }, { id: "c#0", key: "A" }], never);
    expect(new Set(plan.labels.slice(0, 2))).toEqual(new Set([0, 1]));
    expect(plan).toMatchObject({ add: [2], remove: [], size: 3, deleted: 0 });
  });

  it("without recorded keys, pairs by chunk id and keeps the label only when the graph holds the same vector", () => {
    const serving: ServingGraph = { size: 3, chunks: [{ label: 0, key: null, id: "a#0" }, { label: 1, key: null, id: "a#1" }, { label: 2, key: null, id: "b#0" }] };
    const asked: [number, number][] = [];
    const plan = planGraph(serving, [{ id: "a#0", key: "A0" }, { id: "a#1", key: "A1x" }, { id: "c#0", key: "C" }], (label, position) => {
      asked.push([label, position]);
      return label === 0;
    });
    expect(asked).toEqual([[0, 0], [1, 1]]);
    expect(plan).toEqual({ labels: [0, 3, 4], add: [1, 2], remove: [1, 2], size: 5, deleted: 2 });
  });
});
