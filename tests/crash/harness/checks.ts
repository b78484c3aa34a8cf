/**
 * A plain check list for the process-level suites: each check prints PASS or FAIL with its
 * evidence, and the run ends with the line `N passed, N failed` that CI reads.
 */
export class CheckList {
  private passed = 0;
  private failed = 0;
  private readonly failedNames: string[] = [];

  /** `prefix` starts every printed line (the self-test's inner run marks its lines with it). */
  constructor(private readonly prefix = '') {}

  /** Records one check; `detail` is the evidence printed either way. */
  check(name: string, ok: boolean, detail = ''): boolean {
    if (ok) this.passed += 1;
    else {
      this.failed += 1;
      this.failedNames.push(name);
    }
    process.stdout.write(`${this.prefix}${ok ? 'PASS' : 'FAIL'} ${name}${detail === '' ? '' : ` — ${detail}`}\n`);
    return ok;
  }

  /** The names of the checks that failed, in order. */
  get failedChecks(): readonly string[] {
    return this.failedNames;
  }

  /** Records a step that threw as a failed check instead of ending the run. */
  async attempt(name: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.check(name, false, error instanceof Error ? error.stack ?? error.message : String(error));
    }
  }

  get failures(): number {
    return this.failed;
  }

  /** Prints the closing line and returns the process exit code. */
  finish(): number {
    process.stdout.write(`\n${this.passed} passed, ${this.failed} failed\n`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}
