/**
 * Closed-form Kalman steps for constant-velocity box models, on row-major
 * Float64Array. Both SORT's and DeepSORT's models have the same structure:
 * state = [p_0 .. p_{m-1}, v_0 .. v_{k-1}] where some positions p_i have a
 * velocity v at index `vel[i]` (F adds it once per frame), H picks the first
 * m entries, and Q and R are diagonal. Exploiting that makes each step a few
 * dozen flops instead of dense 8x8 products: it is what lets the trackers run
 * at tens of thousands of frames per second.
 *
 * Internal to @mot/kalman: the box models validate, these only compute.
 */

/** Scratch space so the hot path allocates nothing. Sized for n <= 8, m <= 4. */
const scratchA = new Float64Array(64);
const scratchK = new Float64Array(32);
const scratchS = new Float64Array(16);
const scratchL = new Float64Array(16);
const scratchY = new Float64Array(4);

/**
 * x = F x; P = F P F' + diag(q), in place. `vel[i]` is the index of the
 * velocity of state entry i, or -1.
 */
export function predictInPlace(x: Float64Array, P: Float64Array, n: number, vel: Int8Array, q: ArrayLike<number>): void {
  for (let i = 0; i < n; i++) if (vel[i] >= 0) x[i] += x[vel[i]];
  // A = F P: row i of A is row i of P plus row vel[i].
  for (let i = 0; i < n; i++) {
    const v = vel[i];
    for (let j = 0; j < n; j++) P[i * n + j] = v >= 0 ? P[i * n + j] + P[v * n + j] : P[i * n + j];
  }
  // P = A F': column j gains column vel[j].
  for (let j = 0; j < n; j++) {
    const v = vel[j];
    if (v < 0) continue;
    for (let i = 0; i < n; i++) P[i * n + j] += P[i * n + v];
  }
  for (let i = 0; i < n; i++) P[i * n + i] += q[i];
}

/** S = H P H' + diag(r) (m x m), the projected covariance; written to `S`. */
export function projectCovariance(P: Float64Array, n: number, m: number, r: ArrayLike<number>, S: Float64Array): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) S[i * m + j] = P[i * n + j];
    S[i * m + i] += r[i];
  }
}

/**
 * Lower Cholesky factor L of the m x m SPD matrix S (S = L L'), into L.
 * Returns false when S is not positive definite.
 */
export function cholesky(S: Float64Array, m: number, L: Float64Array): boolean {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = S[i * m + j];
      for (let k = 0; k < j; k++) sum -= L[i * m + k] * L[j * m + k];
      if (i === j) {
        if (!(sum > 0)) return false;
        L[i * m + i] = Math.sqrt(sum);
      } else {
        L[i * m + j] = sum / L[j * m + j];
      }
    }
    for (let j = i + 1; j < m; j++) L[i * m + j] = 0;
  }
  return true;
}

/** Solves L y = b (forward substitution) in place on `b`. */
export function forwardSubstitute(L: Float64Array, m: number, b: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= L[i * m + k] * b[k];
    b[i] = sum / L[i * m + i];
  }
}

/** Solves L' y = b (back substitution) in place on `b`. */
function backSubstitute(L: Float64Array, m: number, b: Float64Array): void {
  for (let i = m - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < m; k++) sum -= L[k * m + i] * b[k];
    b[i] = sum / L[i * m + i];
  }
}

/**
 * Kalman gain K = P H' S^-1 (n x m) into `K`, by a Cholesky solve per row
 * (row i of K solves S k = (P H')_i, S being symmetric). Returns false when S is
 * not positive definite.
 */
function gain(P: Float64Array, n: number, m: number, S: Float64Array, K: Float64Array): boolean {
  if (!cholesky(S, m, scratchL)) return false;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) scratchY[j] = P[i * n + j];
    forwardSubstitute(scratchL, m, scratchY);
    backSubstitute(scratchL, m, scratchY);
    for (let j = 0; j < m; j++) K[i * m + j] = scratchY[j];
  }
  return true;
}

/**
 * Measurement update with H = [I_m 0], in place:
 * x += K (z - x[:m]); P by the Joseph form (I-KH) P (I-KH)' + K R K' when
 * `joseph`, else P - K S K'. Returns false (state untouched) when the
 * projected covariance is not positive definite.
 */
export function updateInPlace(
  x: Float64Array,
  P: Float64Array,
  n: number,
  m: number,
  z: ArrayLike<number>,
  r: ArrayLike<number>,
  joseph: boolean,
): boolean {
  const S = scratchS;
  const K = scratchK;
  projectCovariance(P, n, m, r, S);
  if (!gain(P, n, m, S, K)) return false;
  for (let j = 0; j < m; j++) scratchY[j] = z[j] - x[j];
  for (let i = 0; i < n; i++) {
    let dx = 0;
    for (let j = 0; j < m; j++) dx += K[i * m + j] * scratchY[j];
    x[i] += dx;
  }
  const A = scratchA;
  if (joseph) {
    // A = (I - KH) P: row i of P minus sum_k K[i,k] P[k,:] over k < m.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = P[i * n + j];
        for (let k = 0; k < m; k++) sum -= K[i * m + k] * P[k * n + j];
        A[i * n + j] = sum;
      }
    }
    // P = A (I - KH)' + K R K'.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = A[i * n + j];
        for (let k = 0; k < m; k++) sum += K[j * m + k] * (K[i * m + k] * r[k] - A[i * n + k]);
        P[i * n + j] = sum;
      }
    }
  } else {
    // P -= K S K'.
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) {
        let sum = 0;
        for (let l = 0; l < m; l++) sum += K[i * m + l] * S[l * m + k];
        A[i * m + k] = sum;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < m; k++) sum += A[i * m + k] * K[j * m + k];
        P[i * n + j] -= sum;
      }
    }
  }
  return true;
}
