import { describeContract } from './contract-suite.js';

describeContract('avx512');
