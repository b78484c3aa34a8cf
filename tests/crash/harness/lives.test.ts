import { describe, expect, it } from 'vitest';
import { describeEnd, judgeLives, killedByHarness, type Life } from './lives.js';

const killed = { aliveWhenKilled: true, exit: { code: null, signal: 'SIGKILL' as const } };
const life = (index: number, phase: Life['phase'], acknowledged: number, end: Pick<Life, 'aliveWhenKilled' | 'exit'> = killed): Life =>
  ({ index, phase, acknowledged, ...end });

describe('the crash test judging the lives of the server', () => {
  it('counts a kill only when a live server died by SIGKILL', () => {
    expect(killedByHarness(killed)).toBe(true);
    // Gone before the kill: whatever the exit, the harness did not cause it.
    expect(killedByHarness({ aliveWhenKilled: false, exit: { code: 0, signal: null } })).toBe(false);
    expect(killedByHarness({ aliveWhenKilled: false, exit: { code: null, signal: 'SIGKILL' } })).toBe(false);
    expect(killedByHarness({ aliveWhenKilled: false, exit: { code: 1, signal: null } })).toBe(false);
    // Alive when signalled, but it ended some other way (it exited in the same moment).
    expect(killedByHarness({ aliveWhenKilled: true, exit: { code: 0, signal: null } })).toBe(false);
    expect(killedByHarness({ aliveWhenKilled: true, exit: { code: null, signal: 'SIGSEGV' } })).toBe(false);
  });

  it('passes a run where every life was killed and each serving life acknowledged enough', () => {
    const verdict = judgeLives([life(0, 'starting', 0), life(1, 'serving', 12), life(2, 'serving', 3), life(3, 'starting', 0)], 3);
    expect(verdict).toEqual({ kills: 4, startupKills: 2, exitedOnTheirOwn: [], underLoaded: [], fewestAcknowledged: 3 });
  });

  it('fails a server that exits on its own, and does not count it as a kill', () => {
    const early = life(2, 'serving', 5, { aliveWhenKilled: false, exit: { code: 0, signal: null } });
    const verdict = judgeLives([life(0, 'starting', 0), life(1, 'serving', 9), early], 1);
    expect(verdict.kills).toBe(2);
    expect(verdict.exitedOnTheirOwn).toEqual([early]);
    expect(describeEnd(early)).toBe('life 2 (serving): exit code 0 before the kill');
  });

  it('fails a serving life that acknowledged fewer reports than the minimum; starting lives owe none', () => {
    const verdict = judgeLives([life(0, 'starting', 0), life(1, 'serving', 2), life(2, 'serving', 0), life(3, 'serving', 7)], 3);
    expect(verdict.underLoaded.map((l) => l.index)).toEqual([1, 2]);
    expect(verdict.fewestAcknowledged).toBe(0);
    expect(verdict.exitedOnTheirOwn).toEqual([]);
    expect(judgeLives([life(0, 'starting', 0)], 3).fewestAcknowledged).toBeNull();
  });
});
