/**
 * Virtual times and durations as people read them, shared by the text report and the report page
 * (whose browser script embeds {@link clockTime} as source, so it stays plain ES2020).
 */

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function clockTime(seconds: number): string {
  const s = Math.floor(seconds % 60);
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  const mmss = `${h > 0 ? String(m).padStart(2, '0') : m}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** `40s`, `2m30s`, `1h5m`. */
export function span(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
  // Rounded first, so 119.6 s reads 2m, not 1m60s.
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor(whole / 60) % 60;
  const s = whole % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
