/**
 * Clusternet's static dividing (`StaticDivideReplicas`): cluster i gets floor(w_i × D / Σw); the
 * replicas left over go one each to the clusters with the highest weight, so weights 6, 5, 1 with
 * 2 replicas give 2, 0, 0 (not largest-remainder's 1, 1, 0). Clusternet breaks weight ties with
 * an unstable sort; here the earlier cluster wins, and callers pass clusters in score order with
 * ties by name, so the result is deterministic. All weights zero (or none) gives all zeros: there
 * is nothing to divide by.
 * @param weights - non-negative integer weight per cluster, in the order the result comes back.
 * @param replicas - the non-negative integer number of replicas to divide.
 * @public
 */
export function staticDivide(weights: readonly number[], replicas: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0 || replicas <= 0) return weights.map(() => 0);
  const result = weights.map((w) => floorShare(w, replicas, sum));
  let remain = replicas - result.reduce((a, r) => a + r, 0);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  for (const index of order) {
    if (remain <= 0) break;
    result[index] = (result[index] as number) + 1;
    remain--;
  }
  return result;
}

/** floor(w × d / sum), exact beyond 2^53. */
export function floorShare(w: number, d: number, sum: number): number {
  const product = w * d;
  if (Number.isSafeInteger(product)) return Math.floor(product / sum);
  return Number((BigInt(w) * BigInt(d)) / BigInt(sum));
}
