/**
 * A small load generator for scenarios where every virtual user carries its own state
 * (cookies, attempt ids, answers), which autocannon's fixed requests cannot: keep-alive
 * HTTP/1.1 over a bounded set of sockets (undici's pool: the load runs on the same two cores
 * as the server, and undici costs it about half the CPU of node:http per request), latencies
 * in milliseconds.
 */
import fs from 'node:fs';
import { Pool } from 'undici';

export type Answer = { status: number; body: string; ms: number };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export function client(base: string, sockets: number) {
  const http = new Pool(base, { connections: sockets, pipelining: 1, keepAliveTimeout: 60_000 });
  const request = async (
    method: Method,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Answer> => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    try {
      const res = await http.request({
        method,
        path,
        headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
        body: payload,
      });
      const text = await res.body.text();
      return { status: res.statusCode, body: text, ms: performance.now() - started };
    } catch (err) {
      return { status: 0, body: String(err), ms: performance.now() - started };
    }
  };
  return { request, close: () => http.close() };
}

/**
 * CPU time (user + system, ms) used so far by a process and by each PostgreSQL process of the
 * machine, from /proc: per-request CPU is what a busy machine does not distort as much as
 * rates and latencies.
 */
export function cpuMs(pid: number): { server: number; postgres: Map<string, number> } {
  const ms = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  };
  const postgres = new Map<string, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.includes('(postgres)')) postgres.set(d, ms(stat));
    } catch {
      // gone meanwhile
    }
  }
  return { server: ms(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')), postgres };
}

/** A process's resident set now (VmRSS), MB. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** PostgreSQL's CPU between two readings: processes that ended meanwhile are not counted. */
function postgresBetween(from: Map<string, number>, to: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ms] of to) sum += ms - (from.get(pid) ?? 0);
  return sum;
}

/** Latencies and outcome of one phase of a scenario. */
export class Phase {
  readonly name: string;
  private readonly ms: number[] = [];
  errors = 0;
  readonly statuses = new Map<number, number>();
  private started = 0;
  private ended = 0;
  /** The server's process id: the phase then reports CPU per request (cpuMs). */
  private readonly pid: number | undefined;
  private cpuStart: ReturnType<typeof cpuMs> = { server: 0, postgres: new Map() };
  private cpu = { server: 0, postgres: 0 };
  constructor(name: string, pid?: number) {
    this.name = name;
    this.pid = pid;
  }
  /** The server's highest resident set seen during the phase (sampled every 100 ms), MB. */
  private rssMb = 0;
  private sampler: NodeJS.Timeout | undefined;
  start() {
    if (this.pid) {
      this.cpuStart = cpuMs(this.pid);
      const pid = this.pid;
      const sample = () => {
        this.rssMb = Math.max(this.rssMb, rssMb(pid));
      };
      sample();
      this.sampler = setInterval(sample, 100);
    }
    this.started = performance.now();
  }
  end() {
    this.ended = performance.now();
    if (process.env.BENCH_TRACE) {
      // The phase's window on the monotonic clock (µs), to cut a server CPU profile to it.
      const now = process.hrtime.bigint() / 1000n;
      const from = now - BigInt(Math.round((this.ended - this.started) * 1000));
      console.log(`phase ${this.name} window ${from} ${now}`);
    }
    if (!this.pid) return;
    clearInterval(this.sampler);
    this.rssMb = Math.max(this.rssMb, rssMb(this.pid));
    const now = cpuMs(this.pid);
    this.cpu = {
      server: now.server - this.cpuStart.server,
      postgres: postgresBetween(this.cpuStart.postgres, now.postgres),
    };
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
      ...(this.pid
        ? {
            'server CPU ms/req': Number((this.cpu.server / Math.max(1, this.count)).toFixed(2)),
            'PG CPU ms/req': Number((this.cpu.postgres / Math.max(1, this.count)).toFixed(2)),
            'RSS MB': this.rssMb,
          }
        : {}),
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
