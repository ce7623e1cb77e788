// The child process of a fresh-process retest (fresh-retest.ts): reads { quick, method, rows }
// as JSON on stdin, times the rows again with remeasure() and writes the fresh rows as JSON on
// stdout. Progress goes to stderr, which the parent shares.

import { remeasure } from './run-bench.js';
import type { FreshRetestRequest } from './fresh-retest.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FreshRetestRequest;
const rows = await remeasure(request, request.rows, [], (line) => process.stderr.write(`  ${line} (fresh process ${process.pid})\n`));
process.stdout.write(JSON.stringify(rows));
