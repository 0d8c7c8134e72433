// The contract between `npm run bench` (app/cli/bench.ts) and its scenarios (app/cli/bench/*.ts).

export type BenchContext = {
  /** The production server under test, e.g. http://127.0.0.1:3900 (started by the runner with the demo seed). */
  baseUrl: string;
  /** The database that server uses (the scenario may read/write it directly, e.g. to create users). */
  databaseUrl: string;
  /** `--quick`: a short run (the whole bench under a minute). */
  quick: boolean;
  log: (line: string) => void;
  /** Worker processes the server was started with (`--workers`, passed as WEB_CONCURRENCY). */
  workers: number;
  /** CPU time (user + system, ms) used so far by the server process and all its descendants (cluster workers). */
  serverCpuMs: () => number;
  /** Adds a named object to the `--json` output (e.g. the examday figures). */
  report: (name: string, figures: Record<string, unknown>) => void;
};

/** One line of the results table. Latencies in milliseconds; `rps` per second. */
export type BenchRow = {
  scenario: string;
  metric: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Anything else worth printing, e.g. "HTML 6.1 KB + JS 98.4 KB gzip" or "budget p50 < 20 ms: met". */
  note?: string;
};

export type BenchScenario = {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
};
