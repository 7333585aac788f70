/** Bundles one entry point (the server, or the benchmarks' server) to `outfile`, its migrations beside it; returns the absolute path. */
export function buildServer(entry?: string, outfile?: string): Promise<string>;
