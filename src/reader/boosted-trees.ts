// A small gradient-boosted ensemble of depth-2 trees with logistic loss: it can learn "few
// matched words AND the question names something no passage has" where a linear model only adds
// up evidence. Splits are tried at feature quantiles; same data, same trees (deterministic).

/** One training example: features, label, and its sample weight (balances sets and classes). */
export interface Example {
  x: readonly number[];
  y: 0 | 1;
  w: number;
}

type Node = { leaf: number } | { feature: number; threshold: number; left: Node; right: Node };

/** A fitted ensemble as stored in weights.json. */
export interface BoostedTrees {
  features: readonly string[];
  base: number;
  trees: Node[];
}

export interface BoostOptions {
  rounds?: number;
  depth?: number;
  learningRate?: number;
  /** Candidate split points per feature (quantiles). */
  bins?: number;
  /** Smallest share of the total sample weight a leaf may hold. */
  minLeaf?: number;
}

/** P(label = 1 | x). */
export function predictTrees(model: BoostedTrees, x: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) z += leafOf(tree, x);
  return 1 / (1 + Math.exp(-z));
}

function leafOf(node: Node, x: readonly number[]): number {
  while (!("leaf" in node)) node = (x[node.feature] ?? 0) <= node.threshold ? node.left : node.right;
  return node.leaf;
}

export function fitTrees(features: readonly string[], examples: readonly Example[], opts: BoostOptions = {}): BoostedTrees {
  const { rounds = 80, depth = 2, learningRate = 0.15, bins = 16, minLeaf = 0.01 } = opts;
  const totalW = examples.reduce((s, e) => s + e.w, 0);
  const positive = examples.reduce((s, e) => s + e.w * e.y, 0) / totalW;
  const base = Math.log(positive / (1 - positive));
  const splits = features.map((_, f) => {
    const values = [...new Set(examples.map((e) => e.x[f]!))].sort((a, b) => a - b);
    const points = new Set<number>();
    for (let b = 1; b < bins; b++) points.add(values[Math.floor((b * values.length) / bins)]!);
    return [...points];
  });
  const z = examples.map(() => base);
  const trees: Node[] = [];
  for (let round = 0; round < rounds; round++) {
    // Newton step per leaf: sum of gradients over sum of hessians.
    const g = examples.map((e, i) => e.w * (e.y - 1 / (1 + Math.exp(-z[i]!))));
    const h = examples.map((e, i) => {
      const p = 1 / (1 + Math.exp(-z[i]!));
      return e.w * p * (1 - p);
    });
    const grow = (rows: number[], level: number): Node => {
      const leaf = (): Node => {
        const sg = rows.reduce((s, r) => s + g[r]!, 0);
        const sh = rows.reduce((s, r) => s + h[r]!, 0);
        return { leaf: round4((learningRate * sg) / (sh + 1e-9)) };
      };
      if (level === depth) return leaf();
      let best = null as { gain: number; feature: number; threshold: number } | null;
      const gain = (sg: number, sh: number): number => (sg * sg) / (sh + 1e-9);
      const all = gain(rows.reduce((s, r) => s + g[r]!, 0), rows.reduce((s, r) => s + h[r]!, 0));
      for (let f = 0; f < features.length; f++) {
        for (const threshold of splits[f]!) {
          // Sums of gradient, hessian and sample weight on each side of the split.
          const left = [0, 0, 0];
          const right = [0, 0, 0];
          for (const r of rows) {
            const side = examples[r]!.x[f]! <= threshold ? left : right;
            side[0]! += g[r]!;
            side[1]! += h[r]!;
            side[2]! += examples[r]!.w;
          }
          const [lg, lh, lw] = left as [number, number, number];
          const [rg, rh, rw] = right as [number, number, number];
          if (lw < minLeaf * totalW || rw < minLeaf * totalW) continue;
          const value = gain(lg, lh) + gain(rg, rh) - all;
          if (!best || value > best.gain) best = { gain: value, feature: f, threshold };
        }
      }
      // A split that gains nothing by itself may still let the level below separate (xor).
      if (!best || best.gain < -1e-9) return leaf();
      const { feature, threshold } = best;
      return {
        feature,
        threshold,
        left: grow(rows.filter((r) => examples[r]!.x[feature]! <= threshold), level + 1),
        right: grow(rows.filter((r) => examples[r]!.x[feature]! > threshold), level + 1),
      };
    };
    const tree = grow(examples.map((_, i) => i), 0);
    trees.push(tree);
    examples.forEach((e, i) => {
      z[i]! += leafOf(tree, e.x);
    });
  }
  return { features, base: round4(base), trees };
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
