// Peer softmax implementations, called as their users call them (tensor in, tensor out).
// They live in bench/peers/ (own package.json and lock file), installed on demand by
// `npm run bench:peers:install`; softmax-verify itself never depends on them.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Call } from './js-timer.js';
import { softmaxOnnxModel } from './onnx-model.js';

export const PEERS_INSTALL_COMMAND = 'npm run bench:peers:install';
const PEER_PACKAGES = ['onnxruntime-node', 'onnxruntime-web', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm'];

export interface Peer {
  name: string;
  /** What one timed call includes. */
  includes: string;
  /** A call for rows of length n (sessions and tensors shapes are per n). */
  forSize(n: number): Promise<Call>;
}

/** bench/peers of this package (the directory above src/ or dist/src/ holding package.json). */
export function peersDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bench'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'bench', 'peers');
    dir = parent;
  }
  return join(dir, 'bench', 'peers');
}

/** null when every peer package is installed; otherwise what is missing and how to install it. */
export function peersMissing(): string | null {
  const modules = join(peersDir(), 'node_modules');
  const missing = PEER_PACKAGES.filter((p) => !existsSync(join(modules, p, 'package.json')));
  return missing.length === 0 ? null : `peer packages not installed (${missing.join(', ')}); install them with: ${PEERS_INSTALL_COMMAND}`;
}

/* The peers' own types are not dependencies of this package; these are the parts used. */
interface OrtTensor { data: Float32Array }
interface OrtSession { run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> }
interface Ort {
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
  env: { wasm: { numThreads: number; wasmPaths?: string } };
}
interface TfTensor { dataSync(): Float32Array; dispose(): void }
interface Tf {
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  tensor2d(values: Float32Array, shape: [number, number]): TfTensor;
  softmax(t: TfTensor): TfTensor;
  env(): { getBool(flag: string): boolean };
}

const ORT_INCLUDES = 'new Tensor(x) + session.run + reading output.data (session creation excluded)';

function ortPeer(name: string, ort: Ort, options: Record<string, unknown>): Peer {
  const model = softmaxOnnxModel();
  return {
    name,
    includes: ORT_INCLUDES,
    async forSize(n) {
      const session = await ort.InferenceSession.create(model, options);
      return async (x) => (await session.run({ x: new ort.Tensor('float32', x, [1, n]) })).y!.data;
    },
  };
}

/** Max-subtracting softmax in float64 with Math.exp, the baseline any JS user can write. */
function plainJs(x: Float32Array, y: Float32Array): void {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - max);
  const r = 1 / sum;
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]! - max) * r;
}

/** Every peer, loaded and ready; call only when peersMissing() is null. */
export async function loadPeers(): Promise<Peer[]> {
  const dir = peersDir();
  const req = createRequire(join(dir, 'package.json'));
  const ortNode = req('onnxruntime-node') as Ort;
  const ortWeb = (await import(pathToFileURL(req.resolve('onnxruntime-web')).href)) as Ort;
  ortWeb.env.wasm.numThreads = 1;
  const tf = req('@tensorflow/tfjs-core') as Tf;
  const tfWasm = req('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
  tfWasm.setWasmPaths(`${join(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  await tf.setBackend('wasm');
  if (!tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) throw new Error('tfjs-backend-wasm: this Node has no wasm SIMD; the peer would not be the SIMD build');
  return [
    ortPeer('onnxruntime-node/cpu/1-thread', ortNode, { executionProviders: ['cpu'], intraOpNumThreads: 1 }),
    ortPeer('onnxruntime-node/cpu/default-threads', ortNode, { executionProviders: ['cpu'] }),
    ortPeer('onnxruntime-web/wasm/1-thread', ortWeb, { executionProviders: ['wasm'] }),
    {
      name: 'tfjs-backend-wasm/simd',
      includes: 'tf.tensor2d(x) + tf.softmax + dataSync() + disposing both tensors (backend setup excluded)',
      async forSize() {
        return (x) => {
          const t = tf.tensor2d(x, [1, x.length]);
          const y = tf.softmax(t);
          y.dataSync();
          t.dispose();
          y.dispose();
        };
      },
    },
    { name: 'plain-js/Math.exp', includes: 'max, sum of Math.exp(x - max), Math.exp(x - max) / sum in float64 into y', forSize: async () => plainJs },
  ];
}
