// The properties barrel: the contract and what it is made of.
export { PROPERTIES } from './all-properties.js';
export type { Property, CheckContext } from './property.js';
export { runContract, type ContractOptions, type KernelResult, type PropertyResult, type Failure } from './contract.js';
export { FAMILY_NAMES, type FamilyName, type Row } from './row-families.js';
