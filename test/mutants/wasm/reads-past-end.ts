// MUTATION: the max pass runs to i <= n, so x[n] (whatever follows the row in memory)
// takes part in the maximum.

import { ordinaryMax, sumLanes, treeSum, writeOutputs } from './port';

export function readsPastEnd(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n, n + 1);
  if (isNaN(mu)) return;
  sumLanes(x, n, mu);
  writeOutputs(x, y, n, mu, 1 / treeSum());
}
