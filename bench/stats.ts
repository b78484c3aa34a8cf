/** Latency percentiles in milliseconds. */
export interface Latency { n: number; p50: number; p95: number; p99: number; max: number; statuses?: Record<string, number> }

/** Percentiles of a set of samples (nearest rank). */
export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
