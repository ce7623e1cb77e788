// The properties barrel: the contract and what it is made of.
export { PROPERTIES } from './laws/all-properties.js';
export type { Property, CheckContext } from './core/property.js';
export { runContract, type ContractOptions } from './check/contract.js';
export type { KernelResult, PropertyResult, Failure, CheckReport, KernelReport } from './check/check-report.js';
export { FAMILY_NAMES, type FamilyName, type Row } from './families/row-families.js';
