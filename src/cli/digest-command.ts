// `softmax-verify digest`: per kernel, a hash of its outputs over the versioned input grid
// (properties/digests/golden-digest.ts). Accurate kernels, built-in or external, must reproduce
// the committed digest of their algorithm; the first differing input is shown when not.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_OPTIONS, externalsFromOptions } from './external-options.js';
import { checkGoldenDigest, computeDigest, digestGrid, DIGEST_FILE, GRID_DESCRIPTION, GRID_VERSION, readDigestFile, type DigestFile } from '../../properties/digests/golden-digest.js';
import { SCALAR_IMPLEMENTATIONS } from '../kernels/scalar/index.js';
import { packageRoot } from '../package-root.js';
import { matchKernels } from '../registry.js';
import { ALGORITHMS } from '../spec/kernel-id.js';
import type { Command } from './command.js';
import { parseOptions } from './options.js';
import { UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { ExternalKernelError } from '../external/errors.js';

/** The scalar golden models define the committed digests; --write records them. */
function writeGoldenDigests(): number {
  const grid = digestGrid();
  const file: DigestFile = {
    version: GRID_VERSION,
    grid: GRID_DESCRIPTION,
    recipe: 'accurate',
    algorithms: Object.fromEntries(
      ALGORITHMS.filter((a) => a !== 'naive').map((a) => [a, computeDigest(SCALAR_IMPLEMENTATIONS[`${a}/accurate`], grid).digest]),
    ),
  };
  writeFileSync(join(packageRoot(), DIGEST_FILE), `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${DIGEST_FILE} (${GRID_DESCRIPTION})`);
  return EXIT.ok;
}

export const digestCommand: Command = {
  name: 'digest',
  help: `  softmax-verify digest [--kernel PATTERN | --external PATH ...] [--write]
      Prints, per kernel, the sha256 of its outputs over the versioned input grid
      (${DIGEST_FILE}). Accurate kernels must equal the committed digest of their
      algorithm; the first differing input is printed when one does not (exit 1).
      --write records the scalar golden models' digests (only for a new grid version).
      --external/--exec take the options of check --external; --bound and --policy may be
      left out (they do not change a digest), --recipe accurate --algorithm A claims A's.`,
  async run(args) {
    const v = parseOptions(args, { kernel: { type: 'string' }, write: { type: 'boolean' }, ...EXTERNAL_OPTIONS });
    if (v.write) {
      if (args.length !== 1) throw new UsageError('--write takes no other option');
      return writeGoldenDigests();
    }
    if ((v.external !== undefined || v.exec !== undefined) && v.kernel !== undefined) throw new UsageError('give --kernel or --external/--exec, not both');
    // The contract's bound and policy do not change a digest; `digest` needs only the recipe.
    const externals = await externalsFromOptions(v, false);
    const selected = externals.length ? externals.map((e) => e.kernel.entry) : matchKernels(v.kernel).filter((e) => e.available);
    if (selected.length === 0) throw new UsageError(`--kernel ${v.kernel}: matches no available kernel; see softmax-verify list`);
    const committed = readDigestFile();
    const grid = digestGrid();
    let differs = false;
    console.log(`softmax-verify digest: grid ${GRID_DESCRIPTION}`);
    try {
      for (const entry of selected) {
        const { id, recipe, algorithm } = entry.spec;
        try {
          if (recipe !== 'accurate' || algorithm === 'naive') {
            console.log(`${computeDigest(entry.row!, grid).digest.digest}  ${id}`);
            continue;
          }
          const check = checkGoldenDigest(entry.row!, algorithm, grid, committed.algorithms[algorithm]);
          differs ||= check.mismatch !== null;
          console.log(`${check.digest.digest}  ${id}  ${check.mismatch === null ? 'matches' : 'DIFFERS from'} ${DIGEST_FILE} ${algorithm}${check.mismatch === null ? '' : ` ${check.mismatch}`}`);
        } catch (e) {
          // A port that crashes, hangs or traps on a grid row has no digest: that is its result
          // (exit 1), and the other kernels still get theirs.
          if (!(e instanceof ExternalKernelError)) throw e;
          differs = true;
          console.log(`${'-'.repeat(64)}  ${id}  NO DIGEST: ${e.message}`);
        }
      }
    } finally {
      for (const e of externals) e.kernel.close();
    }
    return differs ? EXIT.contractFailure : EXIT.ok;
  },
};
