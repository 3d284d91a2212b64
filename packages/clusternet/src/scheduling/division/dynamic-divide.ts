import { floorShare } from './static-divide';

/**
 * Clusternet's dynamic (Spread) dividing (`dynamicDivideReplicas`): divides `replicas` in
 * proportion to each cluster's capacity (predicted available replicas) by largest remainders
 * (Hamilton's method). When the capacities cannot hold every replica each cluster gets its full
 * capacity; Clusternet drops the surplus silently, callers here see it as
 * `replicas − sum(result)`. A negative `replicas` scales down in proportion to `capacities`
 * (then the current replicas), truncating toward zero and taking the leftovers one each.
 * Remainder ties go to the earlier cluster, so the result is deterministic (Clusternet's sort is
 * unstable, though for small lists it behaves the same). The result never exceeds a capacity for a
 * scale-up.
 * @param capacities - non-negative integer per cluster.
 * @param replicas - integer to divide; negative to take away.
 * @public
 */
export function dynamicDivide(capacities: readonly number[], replicas: number): number[] {
  const sum = capacities.reduce((a, c) => a + c, 0);
  if (replicas === 0 || sum <= 0) return capacities.map(() => 0);
  const magnitude = Math.abs(replicas);
  if (magnitude >= sum) return capacities.map((c) => (replicas > 0 ? c : -c));
  const shares = capacities.map((c) => floorShare(c, magnitude, sum));
  let remain = magnitude - shares.reduce((a, r) => a + r, 0);
  const remainders = capacities.map((c, i) => c * magnitude - (shares[i] as number) * sum);
  const order = capacities
    .map((_, i) => i)
    .sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
  for (const index of order) {
    if (remain <= 0) break;
    shares[index] = (shares[index] as number) + 1;
    remain--;
  }
  return replicas > 0 ? shares : shares.map((s) => -s);
}
