import { softmaxRows } from '../api.js';
import { registry } from '../registry.js';
import type { Command } from './command.js';
import { integerOption, parseOptions, requireOption } from './options.js';
import { checkOutputPath } from './output-file.js';
import { readMatrix, writeRaw } from './raw-f32.js';
import { UsageError } from '../errors.js';

export const runCommand: Command = {
  name: 'run',
  help: `  softmax-verify run --kernel ID --in X --out Y [--cols N]
      One kernel on the same raw format.`,
  run(args) {
    const v = parseOptions(args, { kernel: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' }, cols: { type: 'string' } });
    const id = requireOption('kernel', v.kernel);
    const entry = registry().get(id);
    if (!entry) throw new UsageError(`--kernel ${id}: unknown kernel id; see softmax-verify list`);
    if (!entry.available) throw new UsageError(`--kernel ${id}: cannot run here: ${entry.reason}`);
    const out = requireOption('out', v.out);
    checkOutputPath('--out', out);
    const m = readMatrix(requireOption('in', v.in), integerOption('cols', v.cols, 1));
    const y = new Float32Array(m.data.length);
    softmaxRows(id, m.data, y, { rows: m.rows, cols: m.cols });
    writeRaw(out, y);
    return 0;
  },
};
