// Writes the tolerance table the spec table's declared bounds imply, for a new table
// version (v1.json was made this way). Usage: npx tsx scripts/gen-tolerances.ts > tolerances/vN.json
// Committed tables are then only tightened by hand; never regenerate one to widen it.

import { toleranceTableFromSpecs } from '../properties/check/tolerance-table.js';
import { KERNELS } from '../src/spec/kernels.js';

process.stdout.write(JSON.stringify(toleranceTableFromSpecs(KERNELS), null, 2) + '\n');
