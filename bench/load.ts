/**
 * A small load generator for scenarios where every virtual user carries its own state
 * (cookies, attempt ids, answers), which autocannon's fixed requests cannot: keep-alive
 * HTTP/1.1 over a bounded set of sockets, latencies in milliseconds.
 */
import http from 'node:http';

export type Answer = { status: number; body: string; ms: number };

export function client(base: string, sockets: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const request = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<Answer>((resolve) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = performance.now();
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            ...headers,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - started }));
        },
      );
      req.on('error', (err) => resolve({ status: 0, body: String(err), ms: performance.now() - started }));
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

/** Latencies and outcome of one phase of a scenario. */
export class Phase {
  readonly name: string;
  private readonly ms: number[] = [];
  errors = 0;
  readonly statuses = new Map<number, number>();
  private started = 0;
  private ended = 0;
  constructor(name: string) {
    this.name = name;
  }
  start() {
    this.started = performance.now();
  }
  end() {
    this.ended = performance.now();
  }
  record(a: Answer, ok: boolean) {
    this.ms.push(a.ms);
    this.statuses.set(a.status, (this.statuses.get(a.status) ?? 0) + 1);
    if (!ok) this.errors++;
  }
  get count() {
    return this.ms.length;
  }
  get seconds() {
    return (this.ended - this.started) / 1000;
  }
  get rate() {
    return this.count / this.seconds;
  }
  percentile(p: number) {
    if (this.ms.length === 0) return 0;
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }
  row() {
    return {
      phase: this.name,
      requests: this.count,
      seconds: Number(this.seconds.toFixed(1)),
      'per s': Math.round(this.rate),
      'p50 ms': Math.round(this.percentile(50)),
      'p95 ms': Math.round(this.percentile(95)),
      'p99 ms': Math.round(this.percentile(99)),
      errors: this.errors,
      statuses: [...this.statuses].map(([s, n]) => `${s}×${n}`).join(' '),
    };
  }
}

/** Runs `work` for items 0..n-1 on `concurrency` loops (each loop one virtual client at a time). */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        await work(i);
      }
    }),
  );
}
