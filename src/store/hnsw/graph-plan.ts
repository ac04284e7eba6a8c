/** The serving version's graph, as a new build sees it. */
export interface ServingGraph {
  /** Labels in the graph, deleted ones included. */
  size: number;
  /**
   * Its chunks' labels and vector keys. The key is null for an index written before labels were
   * recorded: the chunk's id then pairs it, and the graph itself checks the vector (`sameVector`).
   */
  chunks: readonly ({ label: number; key: string } | { label: number; key: null; id: string })[];
}

/** How the serving graph becomes the new one. */
export interface GraphPlan {
  /** Each new chunk's label, in the build's chunk order. */
  labels: number[];
  /** Positions (in the build's chunks) of the points to add, with labels from the serving size on. */
  add: number[];
  /** Serving labels to mark deleted: chunks gone, or whose vector changed. */
  remove: number[];
  /** Labels in the new graph, deleted ones included. */
  size: number;
  /** Deleted labels in the new graph (those deleted before, and `remove`). */
  deleted: number;
}

/**
 * Which serving label each new chunk keeps: one whose vector key is the chunk's (any chunk's:
 * an article renamed keeps its points), or, for a serving chunk with no key recorded, the label of
 * the chunk with the same id when `sameVector` finds the graph holds the chunk's vector there.
 * Every other chunk gets a fresh label; serving labels nobody keeps are deleted.
 */
export function planGraph(
  serving: ServingGraph,
  chunks: readonly { id: string; key: string }[],
  sameVector: (label: number, position: number) => boolean,
): GraphPlan {
  const byKey = new Map<string, number[]>();
  const byId = new Map<string, number>();
  for (const c of serving.chunks) {
    if (c.key === null) byId.set(c.id, c.label);
    else {
      const same = byKey.get(c.key);
      if (same) same.push(c.label);
      else byKey.set(c.key, [c.label]);
    }
  }
  const labels: number[] = [];
  const add: number[] = [];
  const kept = new Set<number>();
  chunks.forEach((chunk, i) => {
    let label = byKey.get(chunk.key)?.pop();
    if (label === undefined) {
      const same = byId.get(chunk.id);
      if (same !== undefined && !kept.has(same) && sameVector(same, i)) label = same;
    }
    if (label === undefined) {
      label = serving.size + add.length;
      add.push(i);
    } else {
      kept.add(label);
    }
    labels.push(label);
  });
  const remove = serving.chunks.filter((c) => !kept.has(c.label)).map((c) => c.label);
  const deletedBefore = serving.size - serving.chunks.length;
  return { labels, add, remove, size: serving.size + add.length, deleted: deletedBefore + remove.length };
}
