// Order statistics of timing samples.

import type { Spread } from './schema.js';

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new RangeError('samples: expected at least one');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}
