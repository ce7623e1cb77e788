// The library form of the contract, as a user's test suite calls it through the package
// barrel: a correct JavaScript softmax passes; one that forgets to subtract the maximum
// fails with a shrunk counterexample whose replay reproduces it.

import { describe, expect, it } from 'vitest';
import { assertSoftmaxContract, listKernels, SoftmaxContractError, verifySoftmax, type VerifyOptions } from '../../../src/index.js';

/** Two-pass softmax in binary64, rounded once to float32; NaN for NaN, +inf and all -inf rows. */
function correct(x: Float32Array, y: Float32Array): void {
  let max = -Infinity;
  for (const v of x) {
    if (Number.isNaN(v) || v === Infinity) return void y.fill(NaN);
    if (v > max) max = v;
  }
  if (max === -Infinity) return void y.fill(NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - max);
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]! - max) / sum;
}

/** The classic bug: exp(x) overflows without the maximum subtracted. */
function noMaxSubtraction(x: Float32Array, y: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]!);
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]!) / sum;
}

const QUICK: VerifyOptions = { boundUlp: 2, policy: 'nan', seed: 7, runs: 10, maxLongRow: 4096 };

describe('verifySoftmax / assertSoftmaxContract', () => {
  it('passes a correct JavaScript kernel and reports its accuracy', async () => {
    const report = await assertSoftmaxContract(correct, QUICK);
    expect(report.verdict).toBe('pass');
    expect(report.kernel).toBe('two-pass/external:js-function/paper');
    expect(report.failures).toEqual([]);
    expect(report.maxUlp).toBeGreaterThan(0);
    expect(report.maxUlp).toBeLessThan(2);
    expect(report.properties.length).toBeGreaterThan(3);
    expect(report.properties.every((p) => p.passed && p.rows > 0)).toBe(true);
    // The port is unregistered afterwards: the same name can be checked again.
    expect(listKernels().some((e) => e.spec.id === report.kernel)).toBe(false);
  });

  it('fails a kernel that overflows, with a counterexample and a replay that reproduces it', async () => {
    const error = await assertSoftmaxContract(noMaxSubtraction, { ...QUICK, name: 'no-max' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SoftmaxContractError);
    const { report, message } = error as SoftmaxContractError;
    expect(report.verdict).toBe('fail');
    expect(message).toMatch(/^softmax contract fail for two-pass\/external:no-max\/paper \(seed 7/);
    expect(message).toContain('counterexample (n = ');
    expect(message).toMatch(/\.\.\. and \d+ more failures \(report\.failures has them all\)$/);
    expect(message).toContain("replay: verifySoftmax(yourKernel, { ...sameOptions, seed: 7, properties: ['");
    const overflow = report.failures.find((f) => f.family === 'overflow-band');
    expect(overflow?.rowHex).toMatch(/^0x[0-9a-f]{8}/);

    const again = await verifySoftmax(noMaxSubtraction, { ...QUICK, name: 'no-max', properties: [overflow!.property], families: ['overflow-band'], path: overflow!.path });
    expect(again.verdict).toBe('fail');
    expect(again.failures.map((f) => f.rowHex)).toEqual([overflow!.rowHex]);
  });

  it('checks a kernel of the table by id', async () => {
    const report = await verifySoftmax('online/scalar/accurate', { seed: 7, runs: 5, maxLongRow: 4096 });
    expect(report.verdict).toBe('pass');
    expect(report.kernel).toBe('online/scalar/accurate');
  });

  it('names the argument that is wrong', async () => {
    await expect(verifySoftmax(correct, { policy: 'nan' })).rejects.toThrow(/^boundUlp: expected a positive number/);
    await expect(verifySoftmax(correct, { boundUlp: 2 })).rejects.toThrow(/^policy: expected 'nan' or 'zero'/);
    await expect(verifySoftmax('two-pass/scalar/exact')).rejects.toThrow(/^kernel: "two-pass\/scalar\/exact" is not in the kernel table/);
    await expect(verifySoftmax(correct, { ...QUICK, runs: 0 })).rejects.toThrow(/^runs: expected a positive integer, got 0/);
    await expect(verifySoftmax(correct, { ...QUICK, families: ['gaussian' as never] })).rejects.toThrow(/^families: "gaussian" is not one of/);
    await expect(verifySoftmax((x: Float32Array) => void x, QUICK)).rejects.toThrow(/^kernel: the function takes 1 parameters/);
  });
});
