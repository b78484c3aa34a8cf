// The load generator, run as its own process so it does not share the server's event loop:
//   node --import tsx bench/load.ts '<json options>'  → prints one JSON result line.
import autocannon from 'autocannon';
import { reportBodies } from './intake-bodies.js';
import { pacedLoad } from './paced.js';

interface LoadOptions {
  url: string; seconds: number; connections: number; rate?: number; warmupSeconds?: number; seed: string;
  /** Each request from its own made-up address (X-Forwarded-For; the server must trust its proxy): a flood from many sources. */
  spreadSources?: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const bodies = reportBodies(options.seed, 500);
let next = 0;
const latencies: number[] = [];
const statuses = new Map<number, number>();

if (options.rate !== undefined) {
  // At a set rate the load is paced evenly by our own client (see paced.ts); autocannon
  // measures the maximum, where its closed loop is what is wanted.
  const result = await pacedLoad({
    url: options.url, path: '/api/v1/reports', rate: options.rate, seconds: options.seconds, warmupSeconds: options.warmupSeconds ?? 0,
    body: (i) => bodies[i % bodies.length]!,
  });
  const sorted = result.latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const created = result.statuses[201] ?? 0;
  process.stdout.write(`${JSON.stringify({
    seconds: result.seconds, connections: 0, rate: options.rate, created, perSecond: created / result.seconds, errors: result.errors,
    timeouts: 0, statuses: result.statuses, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1),
  })}\n`);
  process.exit(0);
}

const instance = autocannon({
  url: `${options.url}/api/v1/reports`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  connections: options.connections,
  duration: options.seconds,
  requests: [{
    setupRequest: (request) => {
      next += 1;
      const spread = options.spreadSources === true ? { 'x-forwarded-for': `10.${(next >> 16) & 255}.${(next >> 8) & 255}.${next & 255}` } : {};
      return { ...request, body: bodies[next % bodies.length], headers: { ...request.headers, ...spread } };
    },
  }],
}, (error, result) => {
  if (error !== null && error !== undefined) {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const created = statuses.get(201) ?? 0;
  process.stdout.write(`${JSON.stringify({
    seconds: result.duration, connections: options.connections, rate: options.rate ?? null,
    created, perSecond: created / result.duration, errors: result.errors, timeouts: result.timeouts,
    statuses: Object.fromEntries(statuses), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1),
  })}\n`);
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  latencies.push(responseTime);
});
