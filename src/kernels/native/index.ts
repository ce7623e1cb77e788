// The native (AVX2, AVX-512; NEON, never in process here) backends, the addon loader and runtime dispatch.
export { loadNativeAddon, type AddonLoad, type NativeAddon, type NativeChoice } from './addon.js';
export { NATIVE_BACKENDS } from './backends.js';
export { NEON_BACKEND, neonUnavailableReason } from './neon-backend.js';
export { dispatchKernel, selectIsa, type Dispatched } from './dispatch.js';
