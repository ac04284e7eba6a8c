// A logistic regression small enough to read: standardised features, one weight each, fitted by
// plain batch gradient descent with L2 (deterministic: same data, same weights).

/** A fitted model as stored in weights.json. */
export interface LogisticModel {
  features: readonly string[];
  mean: readonly number[];
  std: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** P(label = 1 | x). */
export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (((x[i] ?? 0) - model.mean[i]!) / model.std[i]!);
  return 1 / (1 + Math.exp(-z));
}

export interface Example {
  x: readonly number[];
  y: 0 | 1;
  /** Sample weight (balances sets and classes). */
  w: number;
}

export interface FitOptions {
  iterations?: number;
  learningRate?: number;
  l2?: number;
}

/** Fits a logistic regression to weighted examples. */
export function fitLogistic(features: readonly string[], examples: readonly Example[], opts: FitOptions = {}): LogisticModel {
  const { iterations = 3000, learningRate = 0.5, l2 = 0.03 } = opts;
  const d = features.length;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  let totalW = 0;
  for (const e of examples) {
    totalW += e.w;
    for (let i = 0; i < d; i++) mean[i]! += e.w * e.x[i]!;
  }
  for (let i = 0; i < d; i++) mean[i]! /= totalW;
  for (const e of examples) for (let i = 0; i < d; i++) std[i]! += e.w * (e.x[i]! - mean[i]!) ** 2;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]! / totalW) || 1;
  const xs = examples.map((e) => e.x.map((v, i) => (v - mean[i]!) / std[i]!));

  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    examples.forEach((e, n) => {
      const x = xs[n]!;
      let z = bias;
      for (let i = 0; i < d; i++) z += weights[i]! * x[i]!;
      const err = (1 / (1 + Math.exp(-z)) - e.y) * e.w;
      for (let i = 0; i < d; i++) grad[i]! += err * x[i]!;
      gradBias += err;
    });
    for (let i = 0; i < d; i++) weights[i]! -= learningRate * (grad[i]! / totalW + l2 * weights[i]!);
    bias -= learningRate * (gradBias / totalW);
  }
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return { features, mean: mean.map(round), std: std.map(round), weights: weights.map(round), bias: round(bias) };
}
