// Every property of the contract, in the order they run and are reported.

import { crossKernel } from './cross-kernel.js';
import { determinism } from './determinism.js';
import { expIdentity } from './exp-identity.js';
import { memorySafety } from './memory-safety.js';
import { monotonicity } from './monotonicity.js';
import { noOverflow } from './no-overflow.js';
import { oracleAgreement } from './oracle-agreement.js';
import { outputRange } from './output-range.js';
import { permutationEquivariance } from './permutation.js';
import type { Property } from '../core/property.js';
import { shiftInvariance } from './shift-invariance.js';
import { specialValues } from './special-values.js';
import { sumToOne } from './sum-to-one.js';

export const PROPERTIES: readonly Property[] = [
  expIdentity,
  oracleAgreement,
  sumToOne,
  outputRange,
  noOverflow,
  specialValues,
  shiftInvariance,
  permutationEquivariance,
  monotonicity,
  determinism,
  crossKernel,
  memorySafety,
];

