import { takeOldest } from './take-oldest';

describe('takeOldest', () => {
  it('removes and returns the oldest keys in insertion order, leaving the rest', () => {
    const keys = new Set(['a', 'b', 'c', 'd']);
    expect(takeOldest(keys, 3)).toEqual(['a', 'b', 'c']);
    expect([...keys]).toEqual(['d']);
    expect(takeOldest(keys, 3)).toEqual(['d']);
    expect(keys.size).toBe(0);
  });
});
