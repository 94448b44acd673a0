// HTTP load with autocannon: a warm-up run that is thrown away, then a measured run at a fixed
// concurrency, cycling through a list of request bodies. Latencies are taken per response with
// sub-millisecond precision (autocannon's own histogram rounds to whole milliseconds).
import autocannon from 'autocannon';
import { percentile } from './metrics';

export interface LoadOptions {
  url: string;
  token: string;
  /** JSON bodies, used in turn. */
  bodies: readonly string[];
  concurrency: number;
  durationSeconds: number;
  warmUpSeconds: number;
}

export interface LoadResult {
  concurrency: number;
  seconds: number;
  /** 2xx responses in the measured run. */
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(
  options: LoadOptions,
  seconds: number,
  onLatency?: (ms: number) => void,
): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.concurrency,
        duration: seconds,
        timeout: 30,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              body: options.bodies[next++ % options.bodies.length],
            }),
          },
        ],
      },
      (err, result) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
    if (onLatency) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) onLatency(responseTime);
      });
    }
  });
}

export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmUpSeconds > 0) await run(options, options.warmUpSeconds);
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const result = await run(options, options.durationSeconds, (ms) => latencies.push(ms));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    concurrency: options.concurrency,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p90: percentile(latencies, 0.9),
    p99: percentile(latencies, 0.99),
    mean: latencies.length ? sum / latencies.length : Number.NaN,
    max: latencies.length ? latencies.reduce((a, b) => Math.max(a, b), 0) : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
