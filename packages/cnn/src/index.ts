// Tensors
export type { Tensor } from './tensor.js';
export { tensor, sizeOf, expectRank } from './tensor.js';

// --- convolution and GEMM (C1) ---
// --- end convolution ---

// --- pooling, normalisation, activations, resize/layout, ROI ops (C2) ---
// --- end pooling ---

// --- boxes, losses, box coding, NMS, anchors, model analysis (C3) ---
// --- end boxes ---
