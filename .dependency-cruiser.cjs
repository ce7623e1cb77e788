// The architecture, as rules (docs/architecture.md): imports go one way,
//   src/cli -> reports -> properties, src/bench -> oracles -> src/external -> src foundation
// (api, registry, spec, kernels, constants, errors), nothing imports the CLI, reports never
// run kernels, and there are no cycles. test/architecture.test.ts fails on any violation.
// src/index.ts, the package's public barrel, may re-export from every room.

const FOUNDATION = '^src/(?!cli/|bench/|external/|index\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Modules depend on each other one way only.', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'The CLI parses, calls library functions and prints; nothing else may depend on it.',
      from: { path: '^(src|properties|oracles|reports|scripts)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'foundation-stays-below',
      severity: 'error',
      comment: 'The library foundation (api, registry, spec, kernels) knows nothing of the tester.',
      from: { path: FOUNDATION },
      to: { path: '^(properties|oracles|reports)/|^src/(cli|bench|external)/' },
    },
    {
      name: 'ports-load-below-the-tester',
      severity: 'error',
      comment: 'src/external loads ports as kernels; it rests on the foundation only.',
      from: { path: '^src/external/' },
      to: { path: '^(properties|oracles|reports)/|^src/(cli|bench)/' },
    },
    {
      name: 'oracle-is-independent',
      severity: 'error',
      comment: 'The oracle never sees a kernel, a property or a report: it may use the foundation constants and float bits only.',
      from: { path: '^oracles/' },
      to: { path: '^(properties|reports)/|^src/(cli|bench|external|kernels|spec)/|^src/(api|registry)\\.ts$' },
    },
    {
      name: 'properties-below-reports',
      severity: 'error',
      comment: 'The contract and the check runner produce the report JSON; they do not render it.',
      from: { path: '^properties/' },
      to: { path: '^reports/|^src/(cli|bench)/' },
    },
    {
      name: 'bench-beside-properties',
      severity: 'error',
      comment: 'The benchmark produces bench JSON; renderers read it, the contract does not.',
      from: { path: '^src/bench/' },
      to: { path: '^(properties|reports)/|^src/cli/' },
    },
    {
      name: 'reports-only-render',
      severity: 'error',
      comment: 'Reports are pure renderers of the JSON: they never reach a kernel (the registry or the API).',
      from: { path: '^reports/' },
      to: { path: '^src/(registry|api)\\.ts$|^src/kernels/|^src/external/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|build|node_modules)/|^src/kernels/wasm/assembly/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
