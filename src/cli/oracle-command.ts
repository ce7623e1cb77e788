import { softmaxOracle } from '../../oracles/oracle.js';
import type { Command } from './command.js';
import { integerOption, parseOptions, requireOption } from './options.js';
import { checkOutputPath } from './output-file.js';
import { readMatrix, writeRaw } from './raw-f32.js';
import { UsageError } from '../errors.js';

export const oracleCommand: Command = {
  name: 'oracle',
  help: `  softmax-verify oracle --in X --out Y [--cols N] [--policy nan|zero]
      Exact softmax of raw little-endian float32 rows, correctly rounded to float32.`,
  run(args) {
    const v = parseOptions(args, { in: { type: 'string' }, out: { type: 'string' }, cols: { type: 'string' }, policy: { type: 'string' } });
    const policy = v.policy ?? 'nan';
    if (policy !== 'nan' && policy !== 'zero') throw new UsageError(`--policy ${policy}: expected nan or zero`);
    const out = requireOption('out', v.out);
    checkOutputPath('--out', out);
    const m = readMatrix(requireOption('in', v.in), integerOption('cols', v.cols, 1));
    const y = new Float32Array(m.data.length);
    for (let r = 0; r < m.rows; r++) {
      y.set(softmaxOracle(m.data.subarray(r * m.cols, (r + 1) * m.cols), { policy }).rounded, r * m.cols);
    }
    writeRaw(out, y);
    return 0;
  },
};
