/**
 * Scales an embedding to unit length in place (DeepSORT compares embeddings by
 * cosine distance). An all-zero vector becomes the uniform unit vector, since
 * the cosine needs a direction.
 *
 * @param v the vector (modified in place)
 * @returns `v`, unit length
 * @example l2Normalise(new Float32Array([3, 4])); // [0.6, 0.8]
 */
export function l2Normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s === 0) return v.fill(1 / Math.sqrt(v.length));
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}
