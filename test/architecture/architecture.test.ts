// The dependency direction (docs/architecture.md, rules in .dependency-cruiser.cjs) holds for
// the whole tree, and each rule really fires: a small tree of deliberate violations, cruised
// with the same rules, breaks every one of them.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;
const ROOMS = ['src', 'properties', 'oracles', 'reports', 'scripts'];

async function cruiseTree(baseDir: string, tsConfigFile: string): Promise<ICruiseResult> {
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const { output } = await cruise(
      ROOMS.filter((r) => r !== 'scripts' || baseDir === root),
      { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, tsConfig: { fileName: tsConfigFile } },
      undefined,
      { tsConfig: extractTSConfig(tsConfigFile) },
    );
    return output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
}

function violatedRules(result: ICruiseResult): Set<string> {
  return new Set(result.summary.violations.map((v) => v.rule.name));
}

describe('architecture', () => {
  it('every import of the project follows the direction, and there are no cycles', async () => {
    const result = await cruiseTree(root, join(root, 'tsconfig.json'));
    const lines = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(lines).toEqual([]);
    // Not vacuous: the cruise saw the whole tree and its imports.
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(result.summary.totalDependenciesCruised).toBeGreaterThan(300);
  });

  it('each rule fires on a tree that breaks it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'softmax-arch-'));
    const files: Record<string, string> = {
      'src/registry.ts': "export const r = 1;\n",
      'src/api.ts': "import { main } from './cli/main.js';\nexport const a = main;\n",
      'src/cli/main.ts': "import { r } from '../registry.js';\nexport const main = r;\n",
      'src/spec/table.ts': "import { law } from '../../properties/laws/law.js';\nexport const t = law;\n",
      'src/external/port.ts': "import { o } from '../../oracles/oracle.js';\nexport const p = o;\n",
      'src/bench/run.ts': "import { render } from '../../reports/render.js';\nexport const b = render;\n",
      'oracles/oracle.ts': "import { k } from '../src/kernels/k.js';\nexport const o = k;\n",
      'src/kernels/k.ts': "export const k = 2;\n",
      'properties/laws/law.ts': "import { render } from '../../reports/render.js';\nexport const law = render;\n",
      'reports/render.ts': "import { via } from './via.js';\nexport const render = via;\n",
      'reports/via.ts': "import { a } from '../src/api.js';\nexport const via = a;\n",
      'reports/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
      'reports/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src', 'properties', 'oracles', 'reports'] }),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const rules = violatedRules(await cruiseTree(dir, join(dir, 'tsconfig.json')));
    expect([...rules].sort()).toEqual(config.forbidden!.map((r) => r.name).sort());
  });
});
