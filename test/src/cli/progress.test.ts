// The progress display of long check runs: names the kernel and step and counts the rows done,
// as a redrawn bar on a terminal and as throttled plain lines in a log.

import { describe, expect, it } from 'vitest';
import { progressReporter, type ProgressState } from '../../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, columns: 120, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const state = (done: number, rows: number): ProgressState => ({ kernel: 2, kernels: 4, done, total: 10, label: 'two-pass/avx2/paper sum-to-one tiny', rows });

describe('progressReporter', () => {
  it('on a terminal redraws one bar with the kernel, the step and the rows done', () => {
    let t = 0;
    const { stream, written } = fakeStream(true);
    const p = progressReporter(stream, false, { now: () => t, budgetSeconds: 170 });
    p.update(state(5, 1234));
    t += 50;
    p.update(state(5, 1240)); // within the redraw interval: skipped
    t += 100;
    p.update(state(6, 1300));
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r\[#{5}\.{7}\] kernel 2\/4, step 5\/10, 1,234 rows, 0:00, ~0:00 left, budget 2:50 \| two-pass\/avx2\/paper sum-to-one tiny/);
    expect(written[1]).toMatch(/step 6\/10, 1,300 rows/);
    expect(written.every((w) => !w.includes('\n') && w.length === 120)).toBe(true);
  });

  it('in a log writes a plain line every few seconds, and always when a kernel finishes', () => {
    let t = 0;
    const { stream, written } = fakeStream(false);
    const p = progressReporter(stream, false, { now: () => t, budgetSeconds: 170 });
    p.update(state(1, 10));
    t += 1000;
    p.update(state(2, 20));
    p.update(state(10, 99));
    t += 5000;
    p.update(state(1, 120));
    expect(written).toEqual([
      '  ... kernel 2/4, step 1/10, 10 rows, 0:00, ~0:00 left, budget 2:50 | two-pass/avx2/paper sum-to-one tiny\n',
      '  ... kernel 2/4, step 10/10, 99 rows, 0:01, ~0:01 left, budget 2:49 | two-pass/avx2/paper sum-to-one tiny\n',
      '  ... kernel 2/4, step 1/10, 120 rows, 0:06, ~0:16 left, budget 2:44 | two-pass/avx2/paper sum-to-one tiny\n',
    ]);
  });

  it('keeps the counters when a narrow terminal cuts the line', () => {
    const { stream, written } = fakeStream(true);
    (stream as { columns: number }).columns = 80;
    progressReporter(stream, false, { now: () => 0, budgetSeconds: 60 }).update(state(10, 5));
    expect(written[0].length).toBe(80);
    expect(written[0]).toMatch(/kernel 2\/4, step 10\/10, 5 rows, 0:00, ~0:00 left, budget 1:00/);
  });

  it('writes nothing when quiet', () => {
    const { stream, written } = fakeStream(true);
    progressReporter(stream, true).update(state(10, 5));
    expect(written).toEqual([]);
  });
});
