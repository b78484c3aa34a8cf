import http from 'node:http';

export interface PacedResult {
  seconds: number; rate: number; sent: number; statuses: Record<string, number>; errors: number; latencies: number[];
}

/**
 * An open-loop load: requests leave at an even pace whatever the server does, and each one's
 * latency counts from when it was due to leave, so a stalled server cannot hide its stall by
 * slowing the client down (autocannon's own rate limit sends each second's quota in a burst).
 */
export function pacedLoad(input: {
  url: string; path: string; rate: number; seconds: number; body: (i: number) => string;
  /** Unmeasured seconds first, at the same pace: sockets opened, both sides warm. */
  warmupSeconds?: number;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(input.url);
  const interval = 1000 / input.rate;
  const warmup = Math.floor(input.rate * (input.warmupSeconds ?? 0));
  const total = warmup + Math.floor(input.rate * input.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let done = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      done += 1;
      if (done === total) {
        agent.destroy();
        resolve({ seconds: (performance.now() - start) / 1000 - (input.warmupSeconds ?? 0), rate: input.rate, sent: total - warmup, statuses, errors, latencies });
      }
    };
    const send = (i: number, due: number) => {
      const payload = input.body(i);
      const measured = i >= warmup;
      const request = http.request({
        agent, host: target.hostname, port: target.port, path: input.path, method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, (response) => {
        response.resume();
        response.on('end', () => {
          if (measured) {
            latencies.push(performance.now() - due);
            statuses[response.statusCode ?? 0] = (statuses[response.statusCode ?? 0] ?? 0) + 1;
          }
          finish();
        });
      });
      request.on('error', () => { if (measured) errors += 1; finish(); });
      request.end(payload);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
}
