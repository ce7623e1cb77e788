// The wasm mutants module: the correct port and every mutant, each `name(x, y, n)` on
// byte addresses of this module's memory; the JS wrapper (load.ts) owns every byte
// from dataStart() upwards.

export { baseline } from './port';
export { tailWritesPastEnd } from './tail-writes-past-end';
export { readsPastEnd } from './reads-past-end';
export { pow2Unclamped } from './pow2-unclamped';

export function dataStart(): usize {
  return (__heap_base + 15) & ~15;
}
