import { softmax, listKernels } from '../src/index.js';
const x = new Float32Array([1, 2, 3, -Infinity, 100, 99.5]);
for (const e of listKernels()) { const y = new Float32Array(x.length); softmax(e.spec.id, x, y); console.log(e.spec.id.padEnd(36), Array.from(y).map(v=>v.toPrecision(9)).join(' ')); }
const big = new Float32Array(1e6); for (let i=0;i<big.length;i++) big[i]=Math.fround(Math.random()*2000-1000);
for (const e of listKernels()) { const y = new Float32Array(big.length); const t=performance.now(); softmax(e.spec.id, big, y); let s=0; for (const v of y) s+=v; console.log(e.spec.id.padEnd(36), (performance.now()-t).toFixed(1)+'ms', s); }
