import autocannon from 'autocannon';

/** Latency summary in milliseconds. */
export type Latency = { n: number; p50: number; p95: number; p99: number };

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

/**
 * Times `fn` over the inputs in turn: a warm-up, then `iterations` calls. The project path and its floor are
 * measured interleaved (one batch each, alternating) by `compare`, so a burst of load hits both alike.
 */
export async function timeCalls<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
  iterations: number,
  warmup = Math.min(50, iterations),
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn(inputs[i % inputs.length] as T);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const input = inputs[i % inputs.length] as T;
    const start = performance.now();
    await fn(input);
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function compare<T>(
  inputs: readonly T[],
  project: (input: T) => Promise<unknown>,
  floor: (input: T) => Promise<unknown>,
  iterations: number,
): Promise<{ project: Latency; floor: Latency }> {
  const a: number[] = [];
  const b: number[] = [];
  const batches = 5;
  const per = Math.max(1, Math.ceil(iterations / batches));
  for (let k = 0; k < batches; k += 1) {
    a.push(...(await timeCalls(inputs, project, per, k === 0 ? undefined : 5)));
    b.push(...(await timeCalls(inputs, floor, per, k === 0 ? undefined : 5)));
  }
  return { project: summarize(a), floor: summarize(b) };
}

export type HttpResult = { latency: Latency; requestsPerSecond: number; errors: number; non2xx: number };

/**
 * autocannon against one URL pattern: `paths` are cycled request by request. With `connections: 1` it gives the
 * unloaded latency; with 50 it gives throughput (p99 then includes queueing, as a user under load sees it).
 */
export async function load(options: {
  origin: string;
  paths: readonly string[];
  headers?: Record<string, string>;
  connections: number;
  seconds?: number;
  amount?: number;
}): Promise<HttpResult> {
  let next = 0;
  const samples: number[] = [];
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: options.origin,
      connections: options.connections,
      ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
      headers: options.headers,
      requests: [
        {
          setupRequest: (req) => {
            const path = options.paths[next % options.paths.length] ?? '/';
            next += 1;
            return { ...req, path };
          },
        },
      ],
    },
    (error, result) => finish(error, result),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    samples.push(responseTime),
  );
  const result = await done;
  return {
    latency: summarize(samples),
    requestsPerSecond: Math.round(result.requests.average),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export const ratio = (value: number, floor: number): number =>
  floor > 0 ? Math.round((value / floor) * 100) / 100 : 0;
