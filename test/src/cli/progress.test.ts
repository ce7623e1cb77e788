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
    const p = progressReporter(stream, false, () => t);
    p.update(state(5, 1234));
    t += 50;
    p.update(state(5, 1240)); // within the redraw interval: skipped
    t += 100;
    p.update(state(6, 1300));
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r\[#{9}\.{15}\] kernel 2\/4, step 5\/10 two-pass\/avx2\/paper sum-to-one tiny, 1,234 rows/);
    expect(written[1]).toMatch(/step 6\/10 .*1,300 rows/);
    expect(written.every((w) => !w.includes('\n') && w.length === 120)).toBe(true);
  });

  it('in a log writes a plain line every few seconds, and always when a kernel finishes', () => {
    let t = 0;
    const { stream, written } = fakeStream(false);
    const p = progressReporter(stream, false, () => t);
    p.update(state(1, 10));
    t += 1000;
    p.update(state(2, 20));
    p.update(state(10, 99));
    t += 5000;
    p.update(state(1, 120));
    expect(written).toEqual([
      '  ... kernel 2/4, step 1/10 two-pass/avx2/paper sum-to-one tiny, 10 rows\n',
      '  ... kernel 2/4, step 10/10 two-pass/avx2/paper sum-to-one tiny, 99 rows\n',
      '  ... kernel 2/4, step 1/10 two-pass/avx2/paper sum-to-one tiny, 120 rows\n',
    ]);
  });

  it('writes nothing when quiet', () => {
    const { stream, written } = fakeStream(true);
    progressReporter(stream, true).update(state(10, 5));
    expect(written).toEqual([]);
  });
});
