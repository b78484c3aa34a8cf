// The crash test's verdict on each life of the server: a kill counts only when the harness
// found the process alive and it then died by SIGKILL. A server that was already gone, or
// that ended any other way, exited on its own: a crash the test did not cause, which must
// fail the run rather than pass as one more kill.

/** How a child process ended: one of the two is set. */
export interface ExitInfo { code: number | null; signal: NodeJS.Signals | null }

/** One start of the server, from launch to its end. */
export interface Life {
  index: number;
  /** `starting`: killed (or meant to be) before it was ready; `serving`: killed under load. */
  phase: 'starting' | 'serving';
  /** Whether the process was still running when the harness sent SIGKILL. */
  aliveWhenKilled: boolean;
  exit: ExitInfo;
  /** Reports this life answered with 201 (serving lives only). */
  acknowledged: number;
  /** What went wrong before the kill, if anything (e.g. it never became ready). */
  note?: string;
}

export interface LifeVerdict {
  /** Lives the harness really killed: alive when signalled, dead by SIGKILL. */
  kills: number;
  startupKills: number;
  /** Lives that ended without the harness's kill. */
  exitedOnTheirOwn: Life[];
  /** Serving lives that acknowledged fewer reports than required. */
  underLoaded: Life[];
  /** The fewest acknowledged reports of any serving life, or null when none served. */
  fewestAcknowledged: number | null;
}

/** Whether this life's end was the harness's SIGKILL. */
export function killedByHarness(life: Pick<Life, 'aliveWhenKilled' | 'exit'>): boolean {
  return life.aliveWhenKilled && life.exit.signal === 'SIGKILL';
}

/** Judges every life of a run against the minimum of acknowledged reports per serving life. */
export function judgeLives(lives: readonly Life[], minAcknowledgedPerLife: number): LifeVerdict {
  const killed = lives.filter(killedByHarness);
  const serving = lives.filter((l) => l.phase === 'serving');
  return {
    kills: killed.length,
    startupKills: killed.filter((l) => l.phase === 'starting').length,
    exitedOnTheirOwn: lives.filter((l) => !killedByHarness(l)),
    underLoaded: serving.filter((l) => l.acknowledged < minAcknowledgedPerLife),
    fewestAcknowledged: serving.length === 0 ? null : Math.min(...serving.map((l) => l.acknowledged)),
  };
}

/** A short account of how a life ended, for failure messages. */
export function describeEnd(life: Life): string {
  const how = life.exit.signal === null ? `exit code ${String(life.exit.code)}` : `signal ${life.exit.signal}`;
  const when = life.aliveWhenKilled ? 'after the kill' : 'before the kill';
  return `life ${life.index} (${life.phase}): ${how} ${when}${life.note === undefined ? '' : `; ${life.note}`}`;
}
