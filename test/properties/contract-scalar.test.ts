import { describeContract } from './contract-suite.js';

describeContract('scalar');
