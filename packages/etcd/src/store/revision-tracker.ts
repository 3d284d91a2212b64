/**
 * What one client has learned about the store's revisions, shared by every view of a store
 * (fenced or not): the newest revision seen in any response (so a watch "from now" starts
 * right after everything this process has observed) and the newest compaction it knows of (so
 * a watch from a compacted version fails at once instead of asynchronously).
 */
export class RevisionTracker {
  private latestSeen = 0n;
  private compactedBelow = 0n;

  get latest(): bigint {
    return this.latestSeen;
  }

  /** Revisions below this one are known to be compacted. */
  get compacted(): bigint {
    return this.compactedBelow;
  }

  observe(revision: string | undefined): void {
    if (revision === undefined) return;
    const value = BigInt(revision);
    if (value > this.latestSeen) this.latestSeen = value;
  }

  observeCompaction(revision: bigint): void {
    if (revision > this.compactedBelow) this.compactedBelow = revision;
  }
}
