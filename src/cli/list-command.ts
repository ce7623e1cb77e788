import { listKernels } from '../registry.js';
import type { Command } from './command.js';
import { parseOptions } from './options.js';

export const listCommand: Command = {
  name: 'list',
  help: `  softmax-verify list
      Every kernel of the table, whether it runs here (and why not), and its declared bound.`,
  run(args) {
    parseOptions(args, {});
    for (const e of listKernels()) {
      console.log(`${e.available ? 'yes' : 'no '} ${e.spec.id.padEnd(38)} ${e.available ? e.spec.bound.formula : e.reason}`);
    }
    return 0;
  },
};
