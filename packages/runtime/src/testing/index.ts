// Test helpers of the graph runtime, for this package's tests and the
// detector's: seeded tensors, error measures, IR and ONNX builders, and the
// independent engines (tfjs-backend-wasm, onnxruntime-node) outputs are
// checked against. Not part of the public API.
export * from './oracles.js';
export * from './ir-builder.js';
export * from './onnx-builder.js';
