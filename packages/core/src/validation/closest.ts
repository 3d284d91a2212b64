/** Levenshtein distance: the fewest single-letter insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate `word` is most likely a misspelling of, for a "did you mean" hint: the nearest by
 * edit distance, ignoring case, when at most a third of its letters differ (one in a word of
 * three to five letters, none but case in a shorter one); undefined when none is that near. Ties go to the candidate that sorts first, so the hint is
 * deterministic.
 * @public
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.floor(word.length / 3);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of [...new Set(candidates)].sort()) {
    // The lengths alone bound the distance from below: a huge input costs nothing.
    if (candidate === word || Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** `; did you mean "seed"?` for a misspelled `word`, or nothing. @public */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}
