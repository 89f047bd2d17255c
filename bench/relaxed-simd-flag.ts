// Imported first by benches that run our kernels against their peers: turns
// on V8's relaxed SIMD in this process (Node 20 has it behind a flag; Node 22
// by default) before any WebAssembly is compiled, as the `mot` command does
// (examples/cli/bin/mot.js), so the bench can time both builds of our
// kernels: relaxed (what `mot` runs) and plain SIMD (the library's default on
// Node 20 without the flag). Peers are unaffected: tfjs-backend-wasm and
// onnxruntime-web ship no relaxed-SIMD build they would switch to.
// MOT_RELAXED_SIMD=0 leaves the flag off.
import { setFlagsFromString } from 'node:v8';

const probe = Buffer.from('AGFzbQEAAAABCAFgA3t7ewF7AwIBAAoNAQsAIAAgASAC/YUCCw==', 'base64');
// (TypeScript's ES and Node libraries do not declare WebAssembly; only lib.dom does.)
const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
if (process.env.MOT_RELAXED_SIMD !== '0' && !wasm.validate(probe)) setFlagsFromString('--experimental-wasm-relaxed-simd');
