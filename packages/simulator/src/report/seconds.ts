/** Seconds to the millisecond, so float noise never reaches the report. */
export const seconds = (value: number): number => Math.round(value * 1000) / 1000;
