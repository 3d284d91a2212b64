import { MAX_CLUSTER_SCORE, type ClusterScore } from '@lifeboat/core';

/**
 * Clusternet's `DefaultNormalizeScore`: scales scores so the highest becomes 100 (integer
 * division), then with `reverse` turns them around so the lowest raw score is best. When every
 * raw score is 0 the list is left as it is, or set to 100 throughout with `reverse`.
 * @public
 */
export function defaultNormalizeScore(scores: ClusterScore[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) max = Math.max(max, s.score);
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = MAX_CLUSTER_SCORE;
    return;
  }
  for (const s of scores) {
    const scaled = Math.floor((MAX_CLUSTER_SCORE * s.score) / max);
    s.score = reverse ? MAX_CLUSTER_SCORE - scaled : scaled;
  }
}
