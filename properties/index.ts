// The properties barrel: the contract and what it is made of.
export { PROPERTIES } from './laws/all-properties.js';
export type { Property, CheckContext } from './core/property.js';
export { runContract, type ContractOptions, type KernelResult, type PropertyResult, type Failure } from './check/contract.js';
export { FAMILY_NAMES, type FamilyName, type Row } from './families/row-families.js';
