// The check run as JSON: the input of every other renderer. Versioned; a change
// of meaning bumps `schemaVersion`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KernelResult } from '../properties/index.js';
import type { KernelEntry } from '../src/registry.js';

export const CHECK_REPORT_SCHEMA_VERSION = 1;

export interface CheckReport {
  schemaVersion: number;
  tool: 'softmax-verify';
  createdAt: string;
  machine: { node: string; platform: string; arch: string };
  options: { seed: number; runs: number; maxLongRow: number; kernelPattern: string | null };
  /** Every kernel of the table, with whether it ran here and why not. */
  kernels: Array<{ id: string; available: boolean; reason: string | null; declaredBound: string; policy: KernelEntry['spec']['policy'] }>;
  results: KernelResult[];
  /** Kernels that were available but not reached within the time budget. */
  notRun: string[];
  verdict: 'pass' | 'fail' | 'untrustworthy';
}

export function writeJsonReport(path: string, report: CheckReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}
