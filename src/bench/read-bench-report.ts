// Reading a bench JSON back (the report's charts, --baseline): one check of the schema and
// its version, so no reader accepts a file the others refuse.

import { readFileSync } from 'node:fs';
import { BENCH_SCHEMA_VERSION, type BenchReport } from './schema.js';

/** Reads a bench report, refusing anything but schema version BENCH_SCHEMA_VERSION rather than misreading it (RangeError). */
export function readBenchReport(path: string): BenchReport {
  let r: Partial<BenchReport>;
  try {
    r = JSON.parse(readFileSync(path, 'utf8')) as Partial<BenchReport>;
  } catch (e) {
    throw new RangeError(`cannot read a bench report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (r.schema !== 'softmax-verify-bench' || r.schemaVersion !== BENCH_SCHEMA_VERSION) {
    const found = r.schema === 'softmax-verify-bench' ? `schema version ${String(r.schemaVersion)}` : 'not a softmax-verify bench report';
    throw new RangeError(`expected softmax-verify bench output of schema version ${BENCH_SCHEMA_VERSION} (${found})`);
  }
  return r as BenchReport;
}
