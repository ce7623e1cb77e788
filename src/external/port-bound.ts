// A port's declared bound from the command line: --bound (a number of ULP or an expression
// of the row, src/spec/bound-expression.ts) or --bound-like KERNEL_ID (a built-in kernel's).

import { UsageError } from '../errors.js';
import { registry } from '../registry.js';
import { BoundSyntaxError, boundFromText } from '../spec/bound-expression.js';
import type { ErrorBound } from '../spec/error-bounds.js';

export function boundFromOptions(bound: string | undefined, like: string | undefined): ErrorBound {
  if (bound !== undefined && like !== undefined) throw new UsageError('--bound and --bound-like both declare the bound: give one');
  if (like !== undefined) {
    const entry = registry().get(like);
    if (!entry || entry.spec.origin !== 'builtin') throw new UsageError(`--bound-like ${like}: not a built-in kernel id; see softmax-verify list`);
    return { formula: `${entry.spec.bound.formula} (the bound of ${like})`, maxUlp: (c) => entry.spec.bound.maxUlp(c) };
  }
  // digest needs no contract: a placeholder bound it never checks.
  if (bound === undefined) return { formula: '< 1 ULP', maxUlp: () => 1 };
  try {
    return boundFromText(bound);
  } catch (e) {
    if (e instanceof BoundSyntaxError) throw new UsageError(`--bound ${bound}: ${e.message}`);
    throw e;
  }
}
