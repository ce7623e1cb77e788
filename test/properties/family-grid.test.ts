import { describe, expect, it } from 'vitest';
import { GRID_FAMILIES, familyGrid, gridRow } from '../../properties/families/family-grid.js';

const bitsOf = (x: Float32Array) => [...new Uint32Array(x.buffer)];

describe('the family grid', () => {
  it('spells every family once', () => {
    expect(new Set(GRID_FAMILIES).size).toBe(GRID_FAMILIES.length);
  });

  it('gives a row that depends only on its family and length, not on the rest of the grid', () => {
    const alone = gridRow('underflow-band', 17);
    const inGrid = familyGrid(['uniform', 'underflow-band'], [3, 17]).find((r) => r.family === 'underflow-band' && r.x.length === 17)!;
    expect(bitsOf(inGrid.x)).toEqual(bitsOf(alone.x));
    expect(bitsOf(gridRow('uniform', 17).x)).not.toEqual(bitsOf(alone.x));
  });

  it('orders rows family by family, each at every length given', () => {
    expect(familyGrid(['ties', 'nan'], [0, 2, 5]).map((r) => `${r.family}/${r.x.length}`)).toEqual(['ties/0', 'ties/2', 'ties/5', 'nan/0', 'nan/2', 'nan/5']);
  });

  it('rejects an unknown family or a bad length, naming the argument', () => {
    expect(() => gridRow('normal' as never, 3)).toThrow(/^family: normal is not a grid family/);
    expect(() => gridRow('uniform', -1)).toThrow(/^n: -1 is not a row length/);
  });
});
