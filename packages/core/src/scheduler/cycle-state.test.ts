import { CycleState, stateKey } from './cycle-state';

describe('CycleState', () => {
  it('reads back what a plugin wrote under its key, and nothing under another', () => {
    const state = new CycleState();
    const requested = stateKey<{ cpu: number }>('Fit/requested');
    const other = stateKey<string>('Other/data');
    expect(state.read(requested)).toBeUndefined();
    state.write(requested, { cpu: 2 });
    expect(state.read(requested)).toEqual({ cpu: 2 });
    expect(state.read(other)).toBeUndefined();
    state.write(requested, { cpu: 3 });
    expect(state.read(requested)).toEqual({ cpu: 3 });
  });

  it('keys with the same name address the same slot; cycles do not share data', () => {
    const a = new CycleState();
    const b = new CycleState();
    a.write(stateKey<number>('n'), 1);
    expect(a.read(stateKey<number>('n'))).toBe(1);
    expect(b.read(stateKey<number>('n'))).toBeUndefined();
  });
});
