// Global set-up of the integration project (vitest.config.ts): refuses to start a CI run
// that would quietly leave PostgreSQL out.
import { refusalToRun } from './dialects.js';

export default function setup(): void {
  const refusal = refusalToRun();
  if (refusal !== null) throw new Error(refusal);
}
