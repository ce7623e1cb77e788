// The contract as a library call, for users' own test suites (vitest, jest, node:test): run it
// on a JavaScript function, a kernel id of the table, or a port loaded from a wasm module,
// shared library or JavaScript file, and get a typed report; or assert it in one line.
// Nothing here prints, exits or writes a file.

import { registry, listKernels, type KernelEntry } from '../../src/registry.js';
import type { RowKernel } from '../../src/kernels/row-kernel.js';
import { registerExternalKernel, registerFunctionKernel, type ExternalKernel, type ExternalKernelOptions, type FunctionKernelOptions } from '../../src/external/external-kernel.js';
import { DEFAULT_MAX_LONG_ROW, runContract } from './contract.js';
import type { Failure, KernelResult, PropertyResult } from './check-report.js';
import { FAMILY_NAMES, type FamilyName } from '../families/row-families.js';
import { PROPERTIES } from '../laws/all-properties.js';
import { environmentSeed, MAX_SEED } from './seed.js';
import { verdictOf, type Verdict } from './verdict.js';

/** Defaults of a library run; the CLI's `check` uses the same run count and longest row. */
export const VERIFY_DEFAULTS = { runs: 40, maxLongRow: DEFAULT_MAX_LONG_ROW } as const;

/** What to check: a kernel id of the table ("two-pass/scalar/accurate"), a function, or a port file. */
export type KernelUnderTest = string | RowKernel | ExternalKernelOptions;

/** For a function, its declaration (boundUlp and policy are required then); for a kernel id, only the run options. */
export interface VerifyOptions extends Partial<FunctionKernelOptions> {
  /** fast-check seed; default SOFTMAX_VERIFY_SEED, else random (always in the report and in failure messages). */
  seed?: number;
  /** Rows per (property, family); long rows get a tenth of it. Default 40, as `check`. */
  runs?: number;
  /** Longest row of the long-near-equal family; default 1 000 000, as `check`. */
  maxLongRow?: number;
  /** Only these properties / families (default all). */
  properties?: readonly string[];
  families?: readonly FamilyName[];
  /** Replays one fast-check path (with one property and one family), as a failure's replay line says. */
  path?: string;
}

export interface ContractReport {
  /** The kernel id checked; a function is `algorithm/external:name/recipe`. */
  kernel: string;
  /** `untrustworthy`: every property held but some row family got no rows. */
  verdict: Verdict;
  seed: number;
  runs: number;
  maxLongRow: number;
  /** Largest error seen on the outputs the declared bound covers, in ULP of the exact result. */
  maxUlp: number;
  /** Largest |sum(y) - 1| over the rows checked. */
  maxSumToOne: number;
  properties: PropertyResult[];
  /** Every failing property's shrunk counterexample, with the line that replays it. */
  failures: Failure[];
  /** Everything the run measured (accuracy by row length, spread and magnitude; oracle work). */
  result: KernelResult;
}

/** The contract does not hold (or could not be checked on every family); `report` says what failed. */
export class SoftmaxContractError extends Error {
  override readonly name = 'SoftmaxContractError';
  constructor(readonly report: ContractReport) {
    super(describeReport(report));
  }
}

/** The one seed rule (seed.ts): given, else SOFTMAX_VERIFY_SEED, else random. */
function seedOf(v: number | undefined): number {
  if (v === undefined) return environmentSeed() ?? Math.floor(Math.random() * MAX_SEED);
  if (!Number.isSafeInteger(v) || v < 0 || v > MAX_SEED) throw new RangeError(`seed: expected an integer from 0 to ${MAX_SEED}, got ${v}`);
  return v;
}

function positiveInteger(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name}: expected a positive integer, got ${v}`);
  return v;
}

function validate(o: VerifyOptions): void {
  for (const p of o.properties ?? []) {
    if (!PROPERTIES.some((q) => q.name === p)) throw new RangeError(`properties: "${p}" is not one of ${PROPERTIES.map((q) => q.name).join(', ')}`);
  }
  for (const f of o.families ?? []) {
    if (!FAMILY_NAMES.includes(f)) throw new RangeError(`families: "${f}" is not one of ${FAMILY_NAMES.join(', ')}`);
  }
  if (o.path !== undefined && (o.properties?.length !== 1 || o.families?.length !== 1)) throw new RangeError('path: replaying a path needs exactly one property and one family');
}

/** The registered kernel to check and how a failure is replayed. */
async function resolveKernel(kernel: KernelUnderTest, o: VerifyOptions): Promise<{ entry: KernelEntry; port: ExternalKernel | null; replay: (f: Failure) => string }> {
  if (typeof kernel === 'string') {
    const entry = registry().get(kernel);
    if (!entry) throw new RangeError(`kernel: "${kernel}" is not in the kernel table (softmax-verify list shows it)`);
    if (!entry.available) throw new Error(`kernel: ${kernel} cannot run here: ${entry.reason}`);
    return { entry, port: null, replay: (f) => f.replay };
  }
  if (typeof kernel === 'function') {
    // registerFunctionKernel checks boundUlp and policy at run time and names the one missing.
    const port = registerFunctionKernel(kernel, o as FunctionKernelOptions);
    return { entry: port.entry, port, replay: (f) => apiReplay('yourKernel', f) };
  }
  if (kernel === null || typeof kernel !== 'object' || typeof kernel.path !== 'string') {
    throw new TypeError('kernel: expected a kernel id, a function (x, y) => void, or { path, boundUlp, policy, ... } of a port');
  }
  const port = await registerExternalKernel(kernel);
  return { entry: port.entry, port, replay: (f) => apiReplay(`{ path: ${JSON.stringify(kernel.path)}, ... }`, f) };
}

/** A failure's replay as the library call that reproduces it (a function has no CLI selector). */
function apiReplay(subject: string, f: Failure): string {
  return `verifySoftmax(${subject}, { ...sameOptions, seed: ${f.seed}, properties: ['${f.property}'], families: ['${f.family}'], path: '${f.path}' })`;
}

/** Runs the whole contract (every property on every row family) on one kernel and reports; never throws for a failing kernel. */
export async function verifySoftmax(kernel: KernelUnderTest, options: VerifyOptions = {}): Promise<ContractReport> {
  validate(options);
  const seed = seedOf(options.seed);
  const runs = positiveInteger('runs', options.runs, VERIFY_DEFAULTS.runs);
  const maxLongRow = positiveInteger('maxLongRow', options.maxLongRow, VERIFY_DEFAULTS.maxLongRow);
  const { entry, port, replay } = await resolveKernel(kernel, options);
  try {
    const result = runContract(entry, {
      seed,
      runs,
      maxLongRow,
      properties: options.properties,
      families: options.families,
      path: options.path,
      others: listKernels().filter((e) => e.available),
    });
    const failures = result.properties.flatMap((p) => p.failures).map((f) => ({ ...f, replay: replay(f) }));
    const properties = result.properties.map((p) => ({ ...p, failures: p.failures.map((f) => ({ ...f, replay: replay(f) })) }));
    return {
      kernel: result.kernel,
      // The one verdict rule; the kernel a caller names is the one under test, so it gates even if it is the naive control.
      verdict: verdictOf([{ ...result, control: false }], []),
      seed,
      runs,
      maxLongRow,
      maxUlp: result.accuracy.maxUlp,
      maxSumToOne: result.accuracy.maxSumToOne,
      properties,
      failures,
      result: { ...result, properties },
    };
  } finally {
    port?.close();
  }
}

/**
 * The one-line helper for a test: resolves with the report when the contract holds, rejects
 * with a SoftmaxContractError whose message lists every counterexample and its replay line.
 *   await assertSoftmaxContract((x, y) => mySoftmax(x, y), { boundUlp: 4, policy: 'nan' });
 */
export async function assertSoftmaxContract(kernel: KernelUnderTest, options: VerifyOptions = {}): Promise<ContractReport> {
  const report = await verifySoftmax(kernel, options);
  if (report.verdict !== 'pass') throw new SoftmaxContractError(report);
  return report;
}

/** Failures a message lists in full; the rest are counted (every one is in `report.failures`). */
const FAILURES_SHOWN = 5;

/** The report in a few lines: the verdict, then the first failures with their counterexample and replay. */
export function describeReport(r: ContractReport): string {
  const accuracy = r.verdict === 'pass' ? `, max error ${r.maxUlp.toPrecision(3)} ULP` : '';
  const head = `softmax contract ${r.verdict} for ${r.kernel} (seed ${r.seed}, ${r.runs} runs${accuracy})`;
  const missing = r.result.missingFamilies.length ? [`  no rows were checked for: ${r.result.missingFamilies.join(', ')}`] : [];
  const failures = r.failures.slice(0, FAILURES_SHOWN).map((f) =>
    [`  ${f.property} on ${f.family}: ${f.message}`, `    counterexample (n = ${f.rowLength}, float32 bits): ${f.rowHex}`, `    replay: ${f.replay}`].join('\n'),
  );
  const more = r.failures.length > FAILURES_SHOWN ? [`  ... and ${r.failures.length - FAILURES_SHOWN} more failures (report.failures has them all)`] : [];
  return [head, ...missing, ...failures, ...more].join('\n');
}
