import { describeContract } from './contract-suite.js';

describeContract('wasm-simd128');
