import { runExample } from './start';

describe('the core composition example', () => {
  it('detects the stopped lease, taints, evicts gracefully and re-places the replica', async () => {
    const lines = await runExample();
    const at = (reason: string) => lines.find((l) => l.includes(` ${reason} `));
    expect(at('FaultInjected')).toMatch(/^\s+120s/);
    // Lease of 40 s renewed every 10 s, checked every 5 s: Unknown 150–165 s after the start.
    expect(lines.find((l) => l.includes('Ready=Unknown'))).toMatch(/^\s+1[56]\ds/);
    expect(lines.find((l) => l.includes('EvictionStarted'))).toContain('member1 (Gracefully)');
    expect(lines.find((l) => l.includes('EvictionCompleted'))).toContain('NewPlacementHealthy');
    expect(lines[lines.length - 1]).toBe('final placement of default/foo: member2=2, member3=1');
  });
});
