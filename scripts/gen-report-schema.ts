// Generates properties/check/check-report.schema.json, the JSON Schema of the check report,
// from its TypeScript type (properties/check/check-report.ts), so the schema that every
// reader validates untrusted report JSON against cannot drift from the type the check
// writes. test/properties/check/report-schema.test.ts regenerates it and compares.
// Run: npx tsx scripts/gen-report-schema.ts

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('..', import.meta.url));
export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../properties/check/check-report.schema.json', import.meta.url));

export function generateReportSchema(): string {
  const schema = createGenerator({
    path: `${root}properties/check/check-report.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'CheckReport',
    topRef: false,
    additionalProperties: false,
  }).createSchema('CheckReport');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(REPORT_SCHEMA_PATH, generateReportSchema());
