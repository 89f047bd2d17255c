// Source of @mot/cnn's WebAssembly kernels: a generator that writes the WAT
// text (unrolled register tiles are easier to get right generated than typed
// out). `node scripts/build-wasm.mjs` assembles it with the `wabt` npm package
// into packages/cnn/src/wasm/kernels-binary.ts; `--check` verifies that the
// committed bytes are what this source gives.
//
// Two variants from one source: plain SIMD (f32x4.mul then f32x4.add, two
// roundings) and relaxed SIMD (f32x4.relaxed_madd, fused on x86 with FMA).
//
// Conventions: every pointer argument is a byte offset into the memory the
// module imports as env.memory (shared, created and grown by the caller);
// sizes are in elements.
// Matrices are float32.
//
// Packed layouts (MR = 4 rows, NR = 8 columns):
//   A (weights, [M, K]): blocks of MR rows, each stored k-major: a[ib][p][r]
//   B (columns, [K, N]): panels of NR columns, each stored k-major: b[jp][p][j]
//   C ([M, N]): panels of NR columns, each row-major over the MR-padded rows:
//      c[jp][i][j]; a panel is contiguous, so a register tile's four rows are
//      one 128-byte run (row-major C with a long row stride touched a page per
//      row and measured up to 2x slower on the large-K shapes).

/**
 * Maximum pages (64 KiB each) of the imported memory: the whole 32-bit space.
 * The memory is shared so that growing it never detaches the JavaScript views
 * the runtime keeps on it (feature maps that stay in wasm memory between ops).
 */
export const MAX_PAGES = 65536;

export const MR = 4;
export const NR = 8;

/** Byte shuffle lanes: even floats of (a, b), odd floats of (a, b), and the interleaves. */
const EVENS = '0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27';
const ODDS = '4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31';
const ZIP_LO = '0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23';
const ZIP_HI = '8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31';

const range = (n) => Array.from({ length: n }, (_, i) => i);

/** Activation on a v128 local: 0 none, 1 relu, 2 leaky relu with 0 <= alpha <= 1 (max(v, alpha v)). */
function activate(v) {
  return `
    (if (i32.eq (local.get $act) (i32.const 1))
      (then (local.set ${v} (f32x4.max (local.get ${v}) (v128.const f32x4 0 0 0 0)))))
    (if (i32.eq (local.get $act) (i32.const 2))
      (then (local.set ${v} (f32x4.max (local.get ${v}) (f32x4.mul (local.get ${v}) (local.get $valpha))))))`;
}

function gemm(madd) {
  const acc = (r, v) => `$c${r}_${v}`;
  const nv = NR / 4;
  const all = (f) => range(MR).flatMap((r) => range(nv).map((v) => f(r, v, acc(r, v))));
  // Row r of the current register tile: $cp + r * $crs (one panel row, or one row of a row-major C).
  const crow = (r) => (r === 0 ? '(local.get $cp)' : `(i32.add (local.get $cp) (i32.mul (local.get $crs) (i32.const ${r})))`);
  const initBias = all((r, v, c) => `(local.set ${c} (v128.load32_splat offset=${r * 4} (local.get $bp0)))`).join('\n          ');
  const initC = all((r, v, c) => `(local.set ${c} (v128.load offset=${v * 16} ${crow(r)}))`).join('\n          ');
  const body = range(MR)
    .map((r) => {
      const a = `(local.set $av (v128.load32_splat offset=${r * 4} (local.get $ap)))`;
      const fm = range(nv).map((v) => `(local.set ${acc(r, v)} ${madd('(local.get $av)', `(local.get $b${v})`, `(local.get ${acc(r, v)})`)})`);
      return [a, ...fm].join('\n          ');
    })
    .join('\n          ');
  const loadsB = range(nv).map((v) => `(local.set $b${v} (v128.load offset=${v * 16} (local.get $bp)))`).join('\n          ');
  const acts = all((r, v, c) => activate(c)).join('');
  const stores = all((r, v, c) => `(v128.store offset=${v * 16} ${crow(r)} (local.get ${c}))`).join('\n        ');
  return `
  ;; C (=|+=) A_packed * B_packed, + bias (per row, padded to MR), then activation.
  ;; mb blocks of MR rows, np panels of NR columns, depth k >= 1 swept in blocks of kc (the B
  ;; micro-panel of one block stays in L1); accumulate != 0 adds to C (bias ignored).
  ;; ldc = 0: C in panels (see above); ldc > 0: C row-major with rows ldc floats apart,
  ;; panel jp at column jp * NR, so a conv writes its NCHW output in place (every
  ;; tile must lie inside C: MR-whole rows and NR-whole panels, the caller's business).
  (func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $mb i32) (param $np i32) (param $k i32)
      (param $bias i32) (param $accumulate i32) (param $act i32) (param $alpha f32) (param $kc i32) (param $ldc i32)
    (local $jp i32) (local $ib i32) (local $p i32) (local $p0 i32) (local $kb i32) (local $ap i32) (local $bp i32) (local $cp i32) (local $bp0 i32) (local $crs i32)
    (local $ablk i32) (local $bpan i32) (local $actNow i32) (local $av v128) ${range(nv).map((v) => `(local $b${v} v128)`).join(' ')} (local $valpha v128)
    ${all((r, v, c) => `(local ${c} v128)`).join(' ')}
    (local.set $valpha (f32x4.splat (local.get $alpha)))
    (local.set $crs (select (i32.shl (local.get $ldc) (i32.const 2)) (i32.const ${NR * 4}) (local.get $ldc)))
    (local.set $ablk (i32.mul (local.get $k) (i32.const ${MR * 4})))
    (local.set $bpan (i32.mul (local.get $k) (i32.const ${NR * 4})))
    (local.set $jp (i32.const 0))
    (loop $panels
      (local.set $p0 (i32.const 0))
      (loop $kblocks
        (local.set $kb (i32.sub (local.get $k) (local.get $p0)))
        (if (i32.gt_u (local.get $kb) (local.get $kc)) (then (local.set $kb (local.get $kc))))
        (local.set $actNow (select (local.get $act) (i32.const 0) (i32.ge_u (i32.add (local.get $p0) (local.get $kb)) (local.get $k))))
        (local.set $ib (i32.const 0))
        (loop $blocks
          (local.set $cp (i32.add (local.get $c)
            (select
              (i32.shl (i32.add (i32.mul (i32.mul (local.get $ib) (i32.const ${MR})) (local.get $ldc)) (i32.mul (local.get $jp) (i32.const ${NR}))) (i32.const 2))
              (i32.mul (i32.add (i32.mul (local.get $jp) (local.get $mb)) (local.get $ib)) (i32.const ${MR * NR * 4}))
              (local.get $ldc))))
          (if (i32.or (local.get $p0) (local.get $accumulate))
            (then
          ${initC})
            (else
          (local.set $bp0 (i32.add (local.get $bias) (i32.mul (local.get $ib) (i32.const ${MR * 4}))))
          ${initBias}))
          (local.set $ap (i32.add (local.get $a) (i32.add (i32.mul (local.get $ib) (local.get $ablk)) (i32.mul (local.get $p0) (i32.const ${MR * 4})))))
          (local.set $bp (i32.add (local.get $b) (i32.add (i32.mul (local.get $jp) (local.get $bpan)) (i32.shl (local.get $p0) (i32.const ${Math.log2(NR * 4)})))))
          (local.set $p (local.get $kb))
          (loop $depth
          ${loadsB}
          ${body}
            (local.set $ap (i32.add (local.get $ap) (i32.const ${MR * 4})))
            (local.set $bp (i32.add (local.get $bp) (i32.const ${NR * 4})))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br_if $depth (local.get $p)))
          (if (local.get $actNow) (then
          ${acts.replaceAll('$act)', '$actNow)')}))
        ${stores}
          (local.set $ib (i32.add (local.get $ib) (i32.const 1)))
          (br_if $blocks (i32.lt_u (local.get $ib) (local.get $mb))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $kb)))
        (br_if $kblocks (i32.lt_u (local.get $p0) (local.get $k))))
      (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
      (br_if $panels (i32.lt_u (local.get $jp) (local.get $np)))))`;
}

// im2col straight into packed-B panels: column n = oy*ow + ox of B is the
// receptive field of output pixel n, row p = (c*kh + i)*kw + j; zero outside
// the input and in the padding columns N..Npad. Panel by panel, so the writes
// are sequential; a panel whose 8 pixels lie in one output row away from the
// left/right border (most of them) is gathered with v128 loads (stride 1:
// two plain loads, stride 2: four loads and an even-lane shuffle), the rest
// element by element. A 1x1, stride-1, unpadded conv reads its panels as
// they lie (pixel n is input float n of the channel), so every full panel
// takes the v128 path, also across output rows. Element by element, each
// panel's eight pixels get their input row and column origins once (the
// division by the output width was per element and tap, and the 15-64 % of
// panels that straddle a row or touch a border on NanoDet's stride-2 and
// small maps took most of im2col's time). Only panels [jp0, jp1), written
// from dst on: the caller packs and multiplies a block of panels at a time,
// so B stays in L2.
const im2colLanes = range(NR);
const im2colPack = `
  (func (export "im2col_pack") (param $x i32) (param $cin i32) (param $h i32) (param $w i32) (param $kh i32) (param $kw i32)
      (param $sh i32) (param $sw i32) (param $dh i32) (param $dw i32) (param $pt i32) (param $pl i32) (param $oh i32) (param $ow i32) (param $dst i32)
      (param $jp0 i32) (param $jp1 i32)
    (local $np i32) (local $jp i32) (local $n0 i32) (local $oy0 i32) (local $ox0 i32) (local $fast i32) (local $out i32)
    (local $c i32) (local $i i32) (local $j i32) (local $q i32) (local $n i32) (local $nn i32) (local $iy i32) (local $ix i32)
    (local $rowp i32) (local $src i32) (local $oy i32) (local $ox i32) (local $flat i32) (local $cb i32) (local $ri i32) (local $cj i32)
    ${im2colLanes.map((q) => `(local $by${q} i32) (local $bx${q} i32)`).join(' ')}
    (local.set $nn (i32.mul (local.get $oh) (local.get $ow)))
    (local.set $flat (i32.and
      (i32.and (i32.eq (i32.mul (local.get $kh) (local.get $kw)) (i32.const 1)) (i32.eq (i32.mul (local.get $sh) (local.get $sw)) (i32.const 1)))
      (i32.eqz (i32.or (local.get $pt) (local.get $pl)))))
    (local.set $np (i32.shr_u (i32.add (local.get $nn) (i32.const ${NR - 1})) (i32.const 3)))
    (local.set $out (local.get $dst))
    (local.set $jp (local.get $jp0))
    (loop $panels
      (local.set $n0 (i32.shl (local.get $jp) (i32.const 3)))
      (local.set $oy0 (i32.div_u (local.get $n0) (local.get $ow)))
      (local.set $ox0 (i32.sub (local.get $n0) (i32.mul (local.get $oy0) (local.get $ow))))
      (local.set $fast (i32.and
        (i32.and (i32.le_u (i32.add (local.get $ox0) (i32.const 8)) (local.get $ow))
                 (i32.le_u (i32.add (local.get $n0) (i32.const 8)) (local.get $nn)))
        (i32.and
          (i32.and (i32.ge_s (i32.sub (i32.mul (local.get $ox0) (local.get $sw)) (local.get $pl)) (i32.const 0))
                   (i32.lt_s (i32.add (i32.sub (i32.mul (i32.add (local.get $ox0) (i32.const 7)) (local.get $sw)) (local.get $pl))
                                      (i32.mul (i32.sub (local.get $kw) (i32.const 1)) (local.get $dw))) (local.get $w)))
          (i32.le_u (local.get $sw) (i32.const 2)))))
      (if (local.get $flat) (then (local.set $fast (i32.le_u (i32.add (local.get $n0) (i32.const 8)) (local.get $nn)))))
      (if (i32.eqz (local.get $fast))
        (then
          ;; Input origin (row, column) of each of the panel's pixels; a pixel past the
          ;; last (n >= oh*ow) gets a row origin no tap brings back into [0, h).
          ${im2colLanes
            .map(
              (q) => `(local.set $n (i32.add (local.get $n0) (i32.const ${q})))
          (local.set $oy (i32.div_u (local.get $n) (local.get $ow)))
          (local.set $ox (i32.sub (local.get $n) (i32.mul (local.get $oy) (local.get $ow))))
          (local.set $by${q} (select
            (i32.sub (i32.mul (local.get $oy) (local.get $sh)) (local.get $pt))
            (i32.const 0x40000000)
            (i32.lt_u (local.get $n) (local.get $nn))))
          (local.set $bx${q} (i32.sub (i32.mul (local.get $ox) (local.get $sw)) (local.get $pl)))`,
            )
            .join('\n          ')}))
      (local.set $c (i32.const 0))
      (loop $channels
        (local.set $i (i32.const 0))
        (loop $taprows
          (if (local.get $fast)
            (then
              (local.set $iy (i32.add (i32.sub (i32.mul (local.get $oy0) (local.get $sh)) (local.get $pt)) (i32.mul (local.get $i) (local.get $dh))))
              (if (i32.lt_u (local.get $iy) (local.get $h))
                (then
                  (local.set $rowp (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $h)) (local.get $iy)) (local.get $w))
                    (i32.sub (i32.mul (local.get $ox0) (local.get $sw)) (local.get $pl))) (i32.const 2))))
                  (local.set $j (i32.const 0))
                  (loop $tapcols
                    (local.set $src (i32.add (local.get $rowp) (i32.shl (i32.mul (local.get $j) (local.get $dw)) (i32.const 2))))
                    (if (i32.eq (local.get $sw) (i32.const 1))
                      (then
                        (v128.store (local.get $out) (v128.load (local.get $src)))
                        (v128.store offset=16 (local.get $out) (v128.load offset=16 (local.get $src))))
                      (else
                        (v128.store (local.get $out) (i8x16.shuffle ${EVENS} (v128.load (local.get $src)) (v128.load offset=16 (local.get $src))))
                        (v128.store offset=16 (local.get $out) (i8x16.shuffle ${EVENS} (v128.load offset=32 (local.get $src)) (v128.load offset=48 (local.get $src))))))
                    (local.set $out (i32.add (local.get $out) (i32.const 32)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br_if $tapcols (i32.lt_u (local.get $j) (local.get $kw)))))
                (else
                  (local.set $j (i32.const 0))
                  (loop $zeros
                    (v128.store (local.get $out) (v128.const i32x4 0 0 0 0))
                    (v128.store offset=16 (local.get $out) (v128.const i32x4 0 0 0 0))
                    (local.set $out (i32.add (local.get $out) (i32.const 32)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br_if $zeros (i32.lt_u (local.get $j) (local.get $kw)))))))
            (else
              ;; $cb: this channel's plane; $ri, $cj: the tap's row and column offsets.
              (local.set $cb (i32.add (local.get $x) (i32.shl (i32.mul (i32.mul (local.get $c) (local.get $h)) (local.get $w)) (i32.const 2))))
              (local.set $ri (i32.mul (local.get $i) (local.get $dh)))
              (local.set $j (i32.const 0))
              (loop $tapcolsSlow
                (local.set $cj (i32.mul (local.get $j) (local.get $dw)))
                ${im2colLanes
                  .map(
                    (q) => `(local.set $iy (i32.add (local.get $by${q}) (local.get $ri)))
                (local.set $ix (i32.add (local.get $bx${q}) (local.get $cj)))
                (f32.store offset=${q * 4} (local.get $out)
                  (if (result f32) (i32.and (i32.lt_u (local.get $iy) (local.get $h)) (i32.lt_u (local.get $ix) (local.get $w)))
                    (then (f32.load (i32.add (local.get $cb) (i32.shl (i32.add (i32.mul (local.get $iy) (local.get $w)) (local.get $ix)) (i32.const 2)))))
                    (else (f32.const 0))))`,
                  )
                  .join('\n                ')}
                (local.set $out (i32.add (local.get $out) (i32.const 32)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $tapcolsSlow (i32.lt_u (local.get $j) (local.get $kw))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $taprows (i32.lt_u (local.get $i) (local.get $kh))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $channels (i32.lt_u (local.get $c) (local.get $cin))))
      (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
      (br_if $panels (i32.and (i32.lt_u (local.get $jp) (local.get $jp1)) (i32.lt_u (local.get $jp) (local.get $np))))))`;

// Max pooling over planes padded with -inf (so that padding never wins):
// xp [planes][hp][wp] -> dst [planes][oh][ow], window kh x kw, stride sh x sw.
// Scalar: a pool moves a few floats per output, far from the GEMM's cost.
const maxPool = `
  (func (export "max_pool") (param $xp i32) (param $planes i32) (param $hp i32) (param $wp i32) (param $kh i32) (param $kw i32)
      (param $sh i32) (param $sw i32) (param $oh i32) (param $ow i32) (param $dst i32)
    (local $q i32) (local $oy i32) (local $ox i32) (local $i i32) (local $j i32) (local $row i32) (local $p i32) (local $m f32) (local $v f32) (local $wpb i32) (local $vm v128) (local $va v128) (local $vb v128)
    (local.set $wpb (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $q (i32.const 0))
    (loop $planesLoop
      (local.set $oy (i32.const 0))
      (loop $rows
        (local.set $row (i32.add (local.get $xp) (i32.mul (i32.add (i32.mul (local.get $q) (local.get $hp)) (i32.mul (local.get $oy) (local.get $sh))) (local.get $wpb))))
        (local.set $ox (i32.const 0))
        ;; 3x3 windows, stride 1 or 2: four outputs per v128 (pmax keeps the
        ;; running max when the new value is NaN or equal, as the scalar select does).
        (if (i32.and (i32.and (i32.eq (local.get $kh) (i32.const 3)) (i32.eq (local.get $kw) (i32.const 3))) (i32.le_u (local.get $sw) (i32.const 2)))
          (then
            (block $vecDone
              (loop $vec
                (br_if $vecDone (i32.gt_u (i32.add (local.get $ox) (i32.const 4)) (local.get $ow)))
                (local.set $vm (v128.const f32x4 -inf -inf -inf -inf))
                (local.set $i (i32.const 0))
                (loop $vr
                  (local.set $p (i32.add (i32.add (local.get $row) (i32.mul (local.get $i) (local.get $wpb))) (i32.shl (i32.mul (local.get $ox) (local.get $sw)) (i32.const 2))))
                  (if (i32.eq (local.get $sw) (i32.const 1))
                    (then
                      (local.set $vm (f32x4.pmax (local.get $vm) (v128.load (local.get $p))))
                      (local.set $vm (f32x4.pmax (local.get $vm) (v128.load offset=4 (local.get $p))))
                      (local.set $vm (f32x4.pmax (local.get $vm) (v128.load offset=8 (local.get $p)))))
                    (else
                      (local.set $va (v128.load (local.get $p)))
                      (local.set $vb (v128.load offset=16 (local.get $p)))
                      (local.set $vm (f32x4.pmax (local.get $vm) (i8x16.shuffle ${EVENS} (local.get $va) (local.get $vb))))
                      (local.set $vm (f32x4.pmax (local.get $vm) (i8x16.shuffle ${ODDS} (local.get $va) (local.get $vb))))
                      (local.set $vm (f32x4.pmax (local.get $vm) (i8x16.shuffle ${EVENS} (v128.load offset=8 (local.get $p)) (v128.load offset=24 (local.get $p)))))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $vr (i32.lt_u (local.get $i) (i32.const 3))))
                (v128.store (local.get $dst) (local.get $vm))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $ox (i32.add (local.get $ox) (i32.const 4)))
                (br $vec)))))
        (block $rowDone
        (br_if $rowDone (i32.ge_u (local.get $ox) (local.get $ow)))
        (loop $cols
          (local.set $m (f32.const -inf))
          (local.set $i (i32.const 0))
          (loop $wr
            (local.set $p (i32.add (i32.add (local.get $row) (i32.mul (local.get $i) (local.get $wpb))) (i32.shl (i32.mul (local.get $ox) (local.get $sw)) (i32.const 2))))
            (local.set $j (i32.const 0))
            (loop $wc
              (local.set $v (f32.load (local.get $p)))
              (local.set $m (select (local.get $v) (local.get $m) (f32.gt (local.get $v) (local.get $m))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $wc (i32.lt_u (local.get $j) (local.get $kw))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $wr (i32.lt_u (local.get $i) (local.get $kh))))
          (f32.store (local.get $dst) (local.get $m))
          (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
          (br_if $cols (i32.lt_u (local.get $ox) (local.get $ow)))))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $oy) (local.get $oh))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br_if $planesLoop (i32.lt_u (local.get $q) (local.get $planes)))))`;

// C's panel layout [np][mPad][NR] -> row-major [m, n] (dense, row stride n).
const unpackPanels = `
  (func (export "unpack_panels") (param $c i32) (param $mpad i32) (param $m i32) (param $n i32) (param $dst i32)
    (local $o i32) (local $jp i32) (local $full i32) (local $src i32) (local $d i32) (local $q i32) (local $pstride i32)
    (local.set $full (i32.shr_u (local.get $n) (i32.const 3)))
    (local.set $pstride (i32.mul (local.get $mpad) (i32.const ${NR * 4})))
    (local.set $o (i32.const 0))
    (loop $rows
      (local.set $src (i32.add (local.get $c) (i32.shl (local.get $o) (i32.const 5))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $o) (local.get $n)) (i32.const 2))))
      (local.set $jp (i32.const 0))
      (block $fullDone
        (br_if $fullDone (i32.eqz (local.get $full)))
        (loop $panels
          (v128.store (local.get $d) (v128.load (local.get $src)))
          (v128.store offset=16 (local.get $d) (v128.load offset=16 (local.get $src)))
          (local.set $src (i32.add (local.get $src) (local.get $pstride)))
          (local.set $d (i32.add (local.get $d) (i32.const 32)))
          (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
          (br_if $panels (i32.lt_u (local.get $jp) (local.get $full)))))
      (local.set $q (i32.const 0))
      (block $tailDone
        (loop $tail
          (br_if $tailDone (i32.ge_u (i32.add (i32.shl (local.get $full) (i32.const 3)) (local.get $q)) (local.get $n)))
          (f32.store (i32.add (local.get $d) (i32.shl (local.get $q) (i32.const 2))) (f32.load (i32.add (local.get $src) (i32.shl (local.get $q) (i32.const 2)))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $tail)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $o) (local.get $m)))))`;

// Copies planes x rows x cols floats between two strided layouts (row by row
// with memory.copy): used to pad an input for Winograd and to crop padded
// outputs into a dense NCHW tensor.
const copyPlanes = `
  (func (export "copy_planes") (param $src i32) (param $dst i32) (param $planes i32) (param $rows i32) (param $cols i32)
      (param $sPlane i32) (param $sRow i32) (param $dPlane i32) (param $dRow i32)
    (local $q i32) (local $y i32) (local $s i32) (local $d i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $q (i32.const 0))
    (block $done
      (br_if $done (i32.eqz (i32.mul (local.get $planes) (local.get $rows))))
      (loop $planesLoop
        (local.set $s (i32.add (local.get $src) (i32.shl (i32.mul (local.get $q) (local.get $sPlane)) (i32.const 2))))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $q) (local.get $dPlane)) (i32.const 2))))
        (local.set $y (i32.const 0))
        (loop $rowsLoop
          (memory.copy (local.get $d) (local.get $s) (local.get $bytes))
          (local.set $s (i32.add (local.get $s) (i32.shl (local.get $sRow) (i32.const 2))))
          (local.set $d (i32.add (local.get $d) (i32.shl (local.get $dRow) (i32.const 2))))
          (local.set $y (i32.add (local.get $y) (i32.const 1)))
          (br_if $rowsLoop (i32.lt_u (local.get $y) (local.get $rows))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br_if $planesLoop (i32.lt_u (local.get $q) (local.get $planes))))))`;

// Pads planes for a kernel that reads a border around them: copies planes x
// rows x cols floats from src (strides sPlane, sRow) into dst [planes][hp][wp]
// at (top, left) and sets every other float of dst to `value` (0 for a conv's
// zero padding, -inf for max pooling). One pass over dst; filling all of dst
// first and then copying over it (as before) wrote the interior twice.
const padPlanes = `
  (func $fill (param $p i32) (param $n i32) (param $v v128)
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.lt_u (local.get $n) (i32.const 4)))
        (v128.store (local.get $p) (local.get $v))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $one
        (br_if $done (i32.eqz (local.get $n)))
        (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $v)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $one))))
  (func (export "pad_planes") (param $src i32) (param $dst i32) (param $planes i32) (param $rows i32) (param $cols i32)
      (param $sPlane i32) (param $sRow i32) (param $hp i32) (param $wp i32) (param $top i32) (param $left i32) (param $value f32)
    (local $q i32) (local $y i32) (local $s i32) (local $d i32) (local $v v128) (local $wpb i32) (local $right i32)
    (local.set $v (f32x4.splat (local.get $value)))
    (local.set $wpb (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $right (i32.sub (i32.sub (local.get $wp) (local.get $left)) (local.get $cols)))
    (local.set $d (local.get $dst))
    (local.set $q (i32.const 0))
    (block $done
      (br_if $done (i32.eqz (i32.mul (local.get $planes) (local.get $hp))))
      (loop $planesLoop
        (local.set $s (i32.add (local.get $src) (i32.shl (i32.mul (local.get $q) (local.get $sPlane)) (i32.const 2))))
        (local.set $y (i32.const 0))
        (loop $rowsLoop
          (if (i32.and (i32.ge_u (local.get $y) (local.get $top)) (i32.lt_u (local.get $y) (i32.add (local.get $top) (local.get $rows))))
            (then
              (call $fill (local.get $d) (local.get $left) (local.get $v))
              (memory.copy (i32.add (local.get $d) (i32.shl (local.get $left) (i32.const 2))) (local.get $s) (i32.shl (local.get $cols) (i32.const 2)))
              (call $fill (i32.add (local.get $d) (i32.shl (i32.add (local.get $left) (local.get $cols)) (i32.const 2))) (local.get $right) (local.get $v))
              (local.set $s (i32.add (local.get $s) (i32.shl (local.get $sRow) (i32.const 2)))))
            (else (call $fill (local.get $d) (local.get $wp) (local.get $v))))
          (local.set $d (i32.add (local.get $d) (local.get $wpb)))
          (local.set $y (i32.add (local.get $y) (i32.const 1)))
          (br_if $rowsLoop (i32.lt_u (local.get $y) (local.get $hp))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br_if $planesLoop (i32.lt_u (local.get $q) (local.get $planes))))))`;

// out[i] = a[i] (op) b[i] for i < n, four lanes at a time, then one by one:
// the same-shape case of @mot/cnn's add/sub/mul/div (NanoDet's FPN adds).
// float32 arithmetic is correctly rounded, as JavaScript's double arithmetic
// rounded to float32 is for + - * /: the results are bit-identical.
const binaryOps = ['add', 'sub', 'mul', 'div']
  .map(
    (op) => `
  (func (export "${op}_f32") (param $a i32) (param $b i32) (param $out i32) (param $n i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.${op} (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.${op} (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $one))))`,
  )
  .join('');

// planes x [r, c] -> planes x [c, r] (the last two axes swapped: NanoDet's
// [1, 80, 2704] class maps to [1, 2704, 80]): 4x4 blocks through registers
// (four v128 rows in, transposed by shuffles, four out), the r % 4 last rows
// and c % 4 last columns one float at a time. Column blocks outside, row
// blocks inside: the four output rows a column block writes are sequential.
const transposePlanes = `
  (func (export "transpose_planes") (param $src i32) (param $planes i32) (param $r i32) (param $c i32) (param $dst i32)
    (local $q i32) (local $i i32) (local $j i32) (local $r4 i32) (local $c4 i32) (local $s i32) (local $d i32) (local $cb i32) (local $rb i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $r4 (i32.and (local.get $r) (i32.const -4)))
    (local.set $c4 (i32.and (local.get $c) (i32.const -4)))
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rb (i32.shl (local.get $r) (i32.const 2)))
    (local.set $q (i32.const 0))
    (block $planesDone
      (br_if $planesDone (i32.eqz (i32.mul (i32.mul (local.get $planes) (local.get $r)) (local.get $c))))
      (loop $planesLoop
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $c4)))
            (local.set $i (i32.const 0))
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $r4)))
                (local.set $s (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $c)) (local.get $j)) (i32.const 2))))
                (local.set $a0 (v128.load (local.get $s)))
                (local.set $a1 (v128.load (i32.add (local.get $s) (local.get $cb))))
                (local.set $a2 (v128.load (i32.add (local.get $s) (i32.shl (local.get $cb) (i32.const 1)))))
                (local.set $a3 (v128.load (i32.add (local.get $s) (i32.mul (local.get $cb) (i32.const 3)))))
                ${transpose4(['$a0', '$a1', '$a2', '$a3'], ['$b0', '$b1', '$b2', '$b3'], ['$u0', '$u1', '$u2', '$u3'])}
                (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $r)) (local.get $i)) (i32.const 2))))
                (v128.store (local.get $d) (local.get $b0))
                (v128.store (i32.add (local.get $d) (local.get $rb)) (local.get $b1))
                (v128.store (i32.add (local.get $d) (i32.shl (local.get $rb) (i32.const 1))) (local.get $b2))
                (v128.store (i32.add (local.get $d) (i32.mul (local.get $rb) (i32.const 3))) (local.get $b3))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $rows)))
            ;; The last r % 4 rows of these four columns.
            (block $tailRowsDone
              (loop $tailRows
                (br_if $tailRowsDone (i32.ge_u (local.get $i) (local.get $r)))
                (local.set $s (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $c)) (local.get $j)) (i32.const 2))))
                (local.set $d (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $r)) (local.get $i)) (i32.const 2))))
                (f32.store (local.get $d) (f32.load (local.get $s)))
                (f32.store (i32.add (local.get $d) (local.get $rb)) (f32.load offset=4 (local.get $s)))
                (f32.store (i32.add (local.get $d) (i32.shl (local.get $rb) (i32.const 1))) (f32.load offset=8 (local.get $s)))
                (f32.store (i32.add (local.get $d) (i32.mul (local.get $rb) (i32.const 3))) (f32.load offset=12 (local.get $s)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $tailRows)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        ;; The last c % 4 columns: output rows j >= c4, one float at a time.
        (block $tailColsDone
          (loop $tailCols
            (br_if $tailColsDone (i32.ge_u (local.get $j) (local.get $c)))
            (local.set $i (i32.const 0))
            (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $j) (local.get $r)) (i32.const 2))))
            (loop $down
              (f32.store (local.get $d) (f32.load (local.get $s)))
              (local.set $s (i32.add (local.get $s) (local.get $cb)))
              (local.set $d (i32.add (local.get $d) (i32.const 4)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $down (i32.lt_u (local.get $i) (local.get $r))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tailCols)))
        (local.set $src (i32.add (local.get $src) (i32.mul (local.get $rb) (local.get $c))))
        (local.set $dst (i32.add (local.get $dst) (i32.mul (local.get $rb) (local.get $c))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br_if $planesLoop (i32.lt_u (local.get $q) (local.get $planes))))))`;

// Bilinear resize by exactly 2, half-pixel centres ([planes, h, w] <->
// [planes, 2h, 2w], NanoDet's FPN), in float64 lanes: the very expressions of
// @mot/cnn's TypeScript paths (rows interpolated along x into float64, then
// along y, rounded to float32 once), so the results are bit-identical.
// f64x2 lanes (two outputs per v128) still beat the JavaScript loop.
//
// up2x: tmp holds two float64 rows of 2w (32w bytes); h, w >= 2. Along each
// axis of input length n: output 0 reads (0, 1) with weight 0; outputs 2j+1
// and 2j+2 read (j, j+1) with weights 0.25 and 0.75; output 2n-1 reads
// (n-1, n-1) with weight 0.
const f64 = (x) => `(f64x2.splat (f64.const ${x}))`;
const resize2x = `
  ;; One input row (w floats at $s) along x into 2w float64 at $row.
  (func $upRow (param $s i32) (param $w i32) (param $row i32)
    (local $j i32) (local $a f64) (local $b f64) (local $d f64) (local $A v128) (local $D v128) (local $P v128) (local $Q v128) (local $o i32)
    (local.set $a (f64.promote_f32 (f32.load (local.get $s))))
    (f64.store (local.get $row) (f64.add (local.get $a) (f64.mul (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $s))) (local.get $a)) (f64.const 0))))
    (local.set $j (i32.const 0))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (i32.sub (local.get $w) (i32.const 1))))
        (local.set $A (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $D (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero offset=4 (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))) (local.get $A)))
        (local.set $P (f64x2.add (local.get $A) (f64x2.mul (local.get $D) ${f64(0.25)})))
        (local.set $Q (f64x2.add (local.get $A) (f64x2.mul (local.get $D) ${f64(0.75)})))
        (local.set $o (i32.add (local.get $row) (i32.shl (i32.add (i32.shl (local.get $j) (i32.const 1)) (i32.const 1)) (i32.const 3))))
        (v128.store (local.get $o) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $P) (local.get $Q)))
        (v128.store offset=16 (local.get $o) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $P) (local.get $Q)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
    (block $oneDone
      (loop $one
        (br_if $oneDone (i32.ge_u (local.get $j) (i32.sub (local.get $w) (i32.const 1))))
        (local.set $a (f64.promote_f32 (f32.load (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $b (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $d (f64.sub (local.get $b) (local.get $a)))
        (local.set $o (i32.add (local.get $row) (i32.shl (i32.add (i32.shl (local.get $j) (i32.const 1)) (i32.const 1)) (i32.const 3))))
        (f64.store (local.get $o) (f64.add (local.get $a) (f64.mul (local.get $d) (f64.const 0.25))))
        (f64.store offset=8 (local.get $o) (f64.add (local.get $a) (f64.mul (local.get $d) (f64.const 0.75))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $one)))
    (local.set $a (f64.promote_f32 (f32.load (i32.add (local.get $s) (i32.shl (i32.sub (local.get $w) (i32.const 1)) (i32.const 2))))))
    (f64.store (i32.add (local.get $row) (i32.shl (i32.sub (i32.shl (local.get $w) (i32.const 1)) (i32.const 1)) (i32.const 3)))
      (f64.add (local.get $a) (f64.mul (f64.sub (local.get $a) (local.get $a)) (f64.const 0)))))
  ;; One output row of n floats at $d: t + (b - t) * wt over two float64 rows.
  (func $lerpRows (param $t i32) (param $b i32) (param $n i32) (param $wt f64) (param $d i32)
    (local $i i32) (local $vw v128) (local $T0 v128) (local $T1 v128) (local $tt f64)
    (local.set $vw (f64x2.splat (local.get $wt)))
    (local.set $i (i32.const 0))
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $T0 (v128.load (local.get $t)))
        (local.set $T1 (v128.load offset=16 (local.get $t)))
        (v128.store (local.get $d) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $T0) (f64x2.mul (f64x2.sub (v128.load (local.get $b)) (local.get $T0)) (local.get $vw))))
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $T1) (f64x2.mul (f64x2.sub (v128.load offset=16 (local.get $b)) (local.get $T1)) (local.get $vw))))))
        (local.set $t (i32.add (local.get $t) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $tt (f64.load (local.get $t)))
        (f32.store (local.get $d) (f32.demote_f64 (f64.add (local.get $tt) (f64.mul (f64.sub (f64.load (local.get $b)) (local.get $tt)) (local.get $wt)))))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $one))))
  (func (export "up2x") (param $src i32) (param $planes i32) (param $h i32) (param $w i32) (param $dst i32) (param $tmp i32)
    (local $q i32) (local $y i32) (local $top i32) (local $bot i32) (local $held i32) (local $ow i32) (local $rowb i32)
    (local.set $ow (i32.shl (local.get $w) (i32.const 1)))
    (local.set $rowb (i32.shl (local.get $ow) (i32.const 2)))
    (local.set $q (i32.const 0))
    (loop $planesLoop
      (local.set $top (local.get $tmp))
      (local.set $bot (i32.add (local.get $tmp) (i32.shl (local.get $ow) (i32.const 3))))
      (call $upRow (local.get $src) (local.get $w) (local.get $top))
      (call $upRow (i32.add (local.get $src) (i32.shl (local.get $w) (i32.const 2))) (local.get $w) (local.get $bot))
      (call $lerpRows (local.get $top) (local.get $bot) (local.get $ow) (f64.const 0) (local.get $dst))
      (local.set $dst (i32.add (local.get $dst) (local.get $rowb)))
      (local.set $y (i32.const 0))
      (loop $rows
        (if (local.get $y)
          (then
            (local.set $held (local.get $top))
            (local.set $top (local.get $bot))
            (local.set $bot (local.get $held))
            (call $upRow (i32.add (local.get $src) (i32.shl (i32.mul (i32.add (local.get $y) (i32.const 1)) (local.get $w)) (i32.const 2))) (local.get $w) (local.get $bot))))
        (call $lerpRows (local.get $top) (local.get $bot) (local.get $ow) (f64.const 0.25) (local.get $dst))
        (call $lerpRows (local.get $top) (local.get $bot) (local.get $ow) (f64.const 0.75) (i32.add (local.get $dst) (local.get $rowb)))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $rowb) (i32.const 1))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $y) (i32.sub (local.get $h) (i32.const 1)))))
      (call $lerpRows (local.get $bot) (local.get $bot) (local.get $ow) (f64.const 0) (local.get $dst))
      (local.set $dst (i32.add (local.get $dst) (local.get $rowb)))
      (local.set $src (i32.add (local.get $src) (i32.shl (i32.mul (local.get $h) (local.get $w)) (i32.const 2))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br_if $planesLoop (i32.lt_u (local.get $q) (local.get $planes)))))

  ;; [planes, 2h, 2w] -> [planes, h, w]: t = a + (a' - a) 0.5 along x in rows 2y
  ;; and 2y+1, then t + (u - t) 0.5; two outputs per f64x2.
  (func (export "down2x") (param $src i32) (param $planes i32) (param $h i32) (param $w i32) (param $dst i32)
    (local $q i32) (local $y i32) (local $x i32) (local $r0 i32) (local $r1 i32) (local $rb i32) (local $v0 v128) (local $v1 v128) (local $t v128) (local $u v128)
    (local $a f64) (local $c f64) (local $ts f64) (local $n i32)
    (local.set $rb (i32.shl (local.get $w) (i32.const 3)))
    (local.set $n (i32.mul (local.get $planes) (local.get $h)))
    (local.set $q (i32.const 0))
    (block $allDone
      (br_if $allDone (i32.eqz (i32.mul (local.get $n) (local.get $w))))
      (loop $rowsLoop
        (local.set $r0 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $q) (local.get $rb)) (i32.const 1))))
        (local.set $r1 (i32.add (local.get $r0) (local.get $rb)))
        (local.set $x (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $x) (i32.const 2)) (local.get $w)))
            ;; four input floats per row: (a0, a0', a1, a1'), as float64 evens and odds
            (local.set $v0 (v128.load (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 3)))))
            (local.set $v1 (v128.load (i32.add (local.get $r1) (i32.shl (local.get $x) (i32.const 3)))))
            (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $v0) (local.get $v0))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15 (local.get $v0) (local.get $v0))) (local.get $t)) ${f64(0.5)})))
            (local.set $u (f64x2.promote_low_f32x4 (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $v1) (local.get $v1))))
            (local.set $u (f64x2.add (local.get $u) (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15 (local.get $v1) (local.get $v1))) (local.get $u)) ${f64(0.5)})))
            (v128.store64_lane 0 (local.get $dst) (f32x4.demote_f64x2_zero (f64x2.add (local.get $t) (f64x2.mul (f64x2.sub (local.get $u) (local.get $t)) ${f64(0.5)}))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))
            (br $pairs)))
        (if (i32.lt_u (local.get $x) (local.get $w))
          (then
            (local.set $a (f64.promote_f32 (f32.load (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 3))))))
            (local.set $c (f64.promote_f32 (f32.load (i32.add (local.get $r1) (i32.shl (local.get $x) (i32.const 3))))))
            (local.set $ts (f64.add (local.get $a) (f64.mul (f64.sub (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 3))))) (local.get $a)) (f64.const 0.5))))
            (f32.store (local.get $dst) (f32.demote_f64 (f64.add (local.get $ts)
              (f64.mul (f64.sub (f64.add (local.get $c) (f64.mul (f64.sub (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $r1) (i32.shl (local.get $x) (i32.const 3))))) (local.get $c)) (f64.const 0.5))) (local.get $ts)) (f64.const 0.5)))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br_if $rowsLoop (i32.lt_u (local.get $q) (local.get $n))))))`;

// Winograd F(2x2, 3x3) (Lavin & Gray, "Fast Algorithms for Convolutional
// Neural Networks", CVPR 2016): output tile Y = A^T [ (G g G^T) .* (B^T d B) ] A
// over 4x4 input tiles d overlapping by 2. Four horizontally adjacent tiles
// share one v128 per tile element: the even/odd float shuffles below gather
// columns 2t, 2t+1, 2t+2, 2t+3 of tiles t..t+3 from one padded input row.
//
// wino_in: padded input xp [cin][hp][wp] -> V, 16 matrices (element xi = 4*row + col)
// each [cin, tpad] in packed-B layout, xi-th at dst + xi * vstride floats; tile
// index t = ty * twp + tx with twp a multiple of 4; needs hp >= 2*th + 2, wp >= 2*twp + 2.
function winoIn() {
  const d = (r, j) => `$d${r}${j}`;
  const t = (q, j) => `$t${q}${j}`;
  const locals = range(4).flatMap((r) => range(4).map((j) => `(local ${d(r, j)} v128) (local ${t(r, j)} v128)`)).join(' ');
  const loads = range(4)
    .map((r) => {
      const base = `(i32.add (local.get $base) (i32.mul (local.get $wpb) (i32.const ${r})))`;
      return `(local.set $ra (v128.load ${base}))
          (local.set $rb (v128.load offset=16 ${base}))
          (local.set $rc (v128.load offset=8 ${base}))
          (local.set $rd (v128.load offset=24 ${base}))
          (local.set ${d(r, 0)} (i8x16.shuffle ${EVENS} (local.get $ra) (local.get $rb)))
          (local.set ${d(r, 1)} (i8x16.shuffle ${ODDS} (local.get $ra) (local.get $rb)))
          (local.set ${d(r, 2)} (i8x16.shuffle ${EVENS} (local.get $rc) (local.get $rd)))
          (local.set ${d(r, 3)} (i8x16.shuffle ${ODDS} (local.get $rc) (local.get $rd)))`;
    })
    .join('\n          ');
  const g = (name) => `(local.get ${name})`;
  // B^T d: rows d0 - d2, d1 + d2, d2 - d1, d1 - d3 (column by column).
  const bt = range(4)
    .map((j) => `(local.set ${t(0, j)} (f32x4.sub ${g(d(0, j))} ${g(d(2, j))}))
          (local.set ${t(1, j)} (f32x4.add ${g(d(1, j))} ${g(d(2, j))}))
          (local.set ${t(2, j)} (f32x4.sub ${g(d(2, j))} ${g(d(1, j))}))
          (local.set ${t(3, j)} (f32x4.sub ${g(d(1, j))} ${g(d(3, j))}))`)
    .join('\n          ');
  // (B^T d) B: the same combination along each row; stored straight away.
  const store = (q, j, expr) => `(v128.store (i32.add (local.get $out) (i32.mul (local.get $vsb) (i32.const ${q * 4 + j}))) ${expr})`;
  const b = range(4)
    .map((q) => [
      store(q, 0, `(f32x4.sub ${g(t(q, 0))} ${g(t(q, 2))})`),
      store(q, 1, `(f32x4.add ${g(t(q, 1))} ${g(t(q, 2))})`),
      store(q, 2, `(f32x4.sub ${g(t(q, 2))} ${g(t(q, 1))})`),
      store(q, 3, `(f32x4.sub ${g(t(q, 1))} ${g(t(q, 3))})`),
    ].join('\n          '))
    .join('\n          ');
  return `
  (func (export "wino_in") (param $xp i32) (param $cin i32) (param $hp i32) (param $wp i32) (param $th i32) (param $twp i32)
      (param $dst i32) (param $vstride i32)
    (local $c i32) (local $ty i32) (local $tx i32) (local $tile i32) (local $base i32) (local $out i32) (local $wpb i32) (local $vsb i32)
    (local $ra v128) (local $rb v128) (local $rc v128) (local $rd v128) ${locals}
    (local.set $wpb (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $vsb (i32.shl (local.get $vstride) (i32.const 2)))
    (local.set $c (i32.const 0))
    (loop $channels
      (local.set $ty (i32.const 0))
      (loop $tileRows
        (local.set $tx (i32.const 0))
        (loop $tileCols
          (local.set $base (i32.add (local.get $xp)
            (i32.shl (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $hp)) (i32.shl (local.get $ty) (i32.const 1))) (local.get $wp))
              (i32.shl (local.get $tx) (i32.const 1))) (i32.const 2))))
          (local.set $tile (i32.add (i32.mul (local.get $ty) (local.get $twp)) (local.get $tx)))
          (local.set $out (i32.add (local.get $dst)
            (i32.add (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $tile) (i32.const 3)) (local.get $cin)) (local.get $c)) (i32.const 5))
              (i32.shl (i32.and (i32.shr_u (local.get $tile) (i32.const 2)) (i32.const 1)) (i32.const 4)))))
          ${loads}
          ${bt}
          ${b}
          (local.set $tx (i32.add (local.get $tx) (i32.const 4)))
          (br_if $tileCols (i32.lt_u (local.get $tx) (local.get $twp))))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br_if $tileRows (i32.lt_u (local.get $ty) (local.get $th))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $channels (i32.lt_u (local.get $c) (local.get $cin)))))`;
}

// wino_out: the 16 products M (xi-th [coutPad = ldm, tiles] in C's panel layout at m + xi * mstride floats)
// -> output tiles A^T M A (+ bias, activation) into dst [cout][2*th][2*twp].
function winoOut() {
  const m = (i, j) => `$m${i}${j}`;
  const g = (name) => `(local.get ${name})`;
  const locals = range(4).flatMap((i) => range(4).map((j) => `(local ${m(i, j)} v128)`)).join(' ');
  const loads = range(16)
    .map((xi) => `(local.set ${m(xi >> 2, xi & 3)} (v128.load (i32.add (local.get $mp) (i32.mul (local.get $msb) (i32.const ${xi})))))`)
    .join('\n          ');
  // A^T M: s0 = m0 + m1 + m2, s1 = m1 - m2 - m3 (per column j); then the same along rows.
  const cols = range(4)
    .map((j) => `(local.set $s0${j} (f32x4.add (f32x4.add ${g(m(0, j))} ${g(m(1, j))}) ${g(m(2, j))}))
          (local.set $s1${j} (f32x4.sub (f32x4.sub ${g(m(1, j))} ${g(m(2, j))}) ${g(m(3, j))}))`)
    .join('\n          ');
  const y = range(2)
    .map((q) => `(local.set $y${q}0 (f32x4.add (f32x4.add (f32x4.add (local.get $s${q}0) (local.get $s${q}1)) (local.get $s${q}2)) (local.get $vb)))
          (local.set $y${q}1 (f32x4.add (f32x4.sub (f32x4.sub (local.get $s${q}1) (local.get $s${q}2)) (local.get $s${q}3)) (local.get $vb)))`)
    .join('\n          ');
  const acts = ['$y00', '$y01', '$y10', '$y11'].map(activate).join('');
  const stores = range(2)
    .map((q) => {
      const row = q === 0 ? '(local.get $op)' : '(i32.add (local.get $op) (local.get $wob))';
      return `(v128.store ${row} (i8x16.shuffle ${ZIP_LO} (local.get $y${q}0) (local.get $y${q}1)))
          (v128.store offset=16 ${row} (i8x16.shuffle ${ZIP_HI} (local.get $y${q}0) (local.get $y${q}1)))`;
    })
    .join('\n          ');
  return `
  (func (export "wino_out") (param $m i32) (param $cout i32) (param $th i32) (param $twp i32) (param $ldm i32) (param $mstride i32)
      (param $dst i32) (param $bias i32) (param $act i32) (param $alpha f32)
    (local $o i32) (local $ty i32) (local $tx i32) (local $tile i32) (local $mp i32) (local $op i32) (local $msb i32) (local $wob i32) (local $hop i32)
    (local $vb v128) (local $valpha v128) (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $y00 v128) (local $y01 v128) (local $y10 v128) (local $y11 v128) ${locals}
    (local.set $valpha (f32x4.splat (local.get $alpha)))
    (local.set $msb (i32.shl (local.get $mstride) (i32.const 2)))
    (local.set $wob (i32.shl (local.get $twp) (i32.const 3)))
    (local.set $hop (i32.shl (local.get $th) (i32.const 1)))
    (local.set $o (i32.const 0))
    (loop $channels
      (local.set $vb (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))
      (local.set $ty (i32.const 0))
      (loop $tileRows
        (local.set $tx (i32.const 0))
        (loop $tileCols
          (local.set $tile (i32.add (i32.mul (local.get $ty) (local.get $twp)) (local.get $tx)))
          (local.set $mp (i32.add (local.get $m)
            (i32.add (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $tile) (i32.const 3)) (local.get $ldm)) (local.get $o)) (i32.const 5))
              (i32.shl (i32.and (i32.shr_u (local.get $tile) (i32.const 2)) (i32.const 1)) (i32.const 4)))))
          (local.set $op (i32.add (local.get $dst)
            (i32.add (i32.mul (i32.add (i32.mul (local.get $o) (local.get $hop)) (i32.shl (local.get $ty) (i32.const 1))) (local.get $wob))
              (i32.shl (local.get $tx) (i32.const 3)))))
          ${loads}
          ${cols}
          ${y}
          ${acts}
          ${stores}
          (local.set $tx (i32.add (local.get $tx) (i32.const 4)))
          (br_if $tileCols (i32.lt_u (local.get $tx) (local.get $twp))))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br_if $tileRows (i32.lt_u (local.get $ty) (local.get $th))))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br_if $channels (i32.lt_u (local.get $o) (local.get $cout)))))`;
}

// Winograd F(4x4, 3x3): 6x6 input tiles overlapping by 2, 36 products per
// tile (4x fewer multiplications than direct, against 2.25x for F(2x2)), with
// Lavin & Gray's points 0, +-1, +-2, inf: B^T, A^T below, G in pack-weights.ts.
// Four horizontally adjacent tiles share a v128 per element: five v128 loads
// per input row and 4x4 transposes give columns 4t..4t+5 of tiles t..t+3.
const BT4 = [
  [4, 0, -5, 0, 1, 0],
  [0, -4, -4, 1, 1, 0],
  [0, 4, -4, -1, 1, 0],
  [0, -2, -1, 2, 1, 0],
  [0, 2, -1, -2, 1, 0],
  [0, 4, 0, -5, 0, 1],
];
const AT4 = [
  [1, 1, 1, 1, 1, 0],
  [0, 1, -1, 2, -2, 0],
  [0, 1, 1, 4, 4, 0],
  [0, 1, -1, 8, -8, 1],
];

/** Float-lane shuffle of (a, b) as an i8x16.shuffle (lanes 0-3 from a, 4-7 from b). */
function lanes(...ls) {
  return ls.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]).join(' ');
}

/** sum_k coeffs[k] * terms[k] as a WAT v128 expression (zero coefficients skipped, +-1 without a multiply). */
function lincomb(coeffs, terms) {
  let expr;
  coeffs.forEach((c, k) => {
    if (c === 0) return;
    const t = `(local.get ${terms[k]})`;
    const mag = Math.abs(c);
    const v = mag === 1 ? t : `(f32x4.mul ${t} (v128.const f32x4 ${mag} ${mag} ${mag} ${mag}))`;
    if (expr === undefined) expr = c < 0 ? `(f32x4.neg ${v})` : v;
    else expr = `(${c < 0 ? 'f32x4.sub' : 'f32x4.add'} ${expr} ${v})`;
  });
  return expr ?? '(v128.const i32x4 0 0 0 0)';
}

/** Emits the 4x4 transpose of locals a0..a3 into b0..b3 (rows become columns) via u0..u3. */
function transpose4(a, b, u) {
  return `(local.set ${u[0]} (i8x16.shuffle ${lanes(0, 4, 1, 5)} (local.get ${a[0]}) (local.get ${a[1]})))
          (local.set ${u[1]} (i8x16.shuffle ${lanes(2, 6, 3, 7)} (local.get ${a[0]}) (local.get ${a[1]})))
          (local.set ${u[2]} (i8x16.shuffle ${lanes(0, 4, 1, 5)} (local.get ${a[2]}) (local.get ${a[3]})))
          (local.set ${u[3]} (i8x16.shuffle ${lanes(2, 6, 3, 7)} (local.get ${a[2]}) (local.get ${a[3]})))
          (local.set ${b[0]} (i8x16.shuffle ${lanes(0, 1, 4, 5)} (local.get ${u[0]}) (local.get ${u[2]})))
          (local.set ${b[1]} (i8x16.shuffle ${lanes(2, 3, 6, 7)} (local.get ${u[0]}) (local.get ${u[2]})))
          (local.set ${b[2]} (i8x16.shuffle ${lanes(0, 1, 4, 5)} (local.get ${u[1]}) (local.get ${u[3]})))
          (local.set ${b[3]} (i8x16.shuffle ${lanes(2, 3, 6, 7)} (local.get ${u[1]}) (local.get ${u[3]})))`;
}

// The loop nest both Winograd F(4x4) transforms walk: tile panels [jp0, jp1)
// (each two halves of four tiles, stopping at the last real tile), and inside
// each panel every channel `ch` < `count` (channels inside, so each of the 36
// matrices is written or read in sequence). `perChannel` runs once per
// channel, `body` once per half with $tile, $ty, $tx set. Needs the locals
// $jp $half $groups $tile $ty $tx and the params $th $twp $jp0 $jp1.
function tilePanelLoop(ch, count, perChannel, body) {
  return `(local.set $groups (i32.mul (local.get $th) (i32.shr_u (local.get $twp) (i32.const 2))))
    (local.set $jp (local.get $jp0))
    (loop $panels
      (local.set ${ch} (i32.const 0))
      (loop $channels
        ${perChannel}
        (local.set $half (i32.const 0))
        (block $halvesDone
          (loop $halves
            (local.set $tile (i32.shl (i32.add (i32.shl (local.get $jp) (i32.const 1)) (local.get $half)) (i32.const 2)))
            (br_if $halvesDone (i32.ge_u (local.get $tile) (i32.shl (local.get $groups) (i32.const 2))))
            (local.set $ty (i32.div_u (local.get $tile) (local.get $twp)))
            (local.set $tx (i32.sub (local.get $tile) (i32.mul (local.get $ty) (local.get $twp))))
            ${body}
            (local.set $half (i32.add (local.get $half) (i32.const 1)))
            (br_if $halves (i32.lt_u (local.get $half) (i32.const 2)))))
        (local.set ${ch} (i32.add (local.get ${ch}) (i32.const 1)))
        (br_if $channels (i32.lt_u (local.get ${ch}) (local.get ${count}))))
      (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
      (br_if $panels (i32.and (i32.lt_u (local.get $jp) (local.get $jp1)) (i32.lt_u (i32.shl (local.get $jp) (i32.const 1)) (local.get $groups)))))`;
}

// wino4_in: padded xp [cin][hp][wp] -> V, 36 matrices [cin, tpad] in packed-B layout;
// needs hp >= 4*th + 2, wp >= 4*twp + 4 (the fifth load), twp a multiple of 4.
// Only panels (of NR = 8 tiles) [jp0, jp1), written from panel 0 of V on: the
// caller transforms, multiplies and untransforms a block of panels at a time,
// so that V and M stay in L2 instead of going out to memory and back.
// B^T d B of four tiles at once runs in three passes through a 36-v128
// scratch tile at $tmp (576 bytes, stays in L1): rows of d in, then the
// column sums t = B^T d (in place, one column of six at a time), then the
// row sums V = t B straight to V. Done in one pass, 72 v128 values were live
// in 15 registers and V8 spilled and reloaded about 340 of them per
// transform; each pass now holds at most 12, and the sums are taken in the
// same order as before (bit-identical results).
function wino4In() {
  const slot = (r, j) => `offset=${16 * (r * 6 + j)} (local.get $tmp)`;
  const rows = range(6)
    .map((r) => {
      const base = `(i32.add (local.get $base) (i32.mul (local.get $wpb) (i32.const ${r})))`;
      return `${range(5).map((i) => `(local.set $v${i} (v128.load offset=${16 * i} ${base}))`).join('\n          ')}
          ${transpose4(['$v0', '$v1', '$v2', '$v3'], ['$e0', '$e1', '$e2', '$e3'], ['$u0', '$u1', '$u2', '$u3'])}
          ${range(4).map((j) => `(v128.store ${slot(r, j)} (local.get $e${j}))`).join('\n          ')}
          (local.set $u0 (i8x16.shuffle ${lanes(0, 4, 1, 5)} (local.get $v1) (local.get $v2)))
          (local.set $u1 (i8x16.shuffle ${lanes(0, 4, 1, 5)} (local.get $v3) (local.get $v4)))
          (v128.store ${slot(r, 4)} (i8x16.shuffle ${lanes(0, 1, 4, 5)} (local.get $u0) (local.get $u1)))
          (v128.store ${slot(r, 5)} (i8x16.shuffle ${lanes(2, 3, 6, 7)} (local.get $u0) (local.get $u1)))`;
    })
    .join('\n          ');
  // t[q][j] = sum_r BT[q][r] d[r][j], column j at a time, over the d it replaces.
  const cols = range(6)
    .map(
      (j) => `${range(6).map((r) => `(local.set $e${r} (v128.load ${slot(r, j)}))`).join('\n          ')}
          ${range(6).map((q) => `(local.set $f${q} ${lincomb(BT4[q], range(6).map((r) => `$e${r}`))})`).join('\n          ')}
          ${range(6).map((q) => `(v128.store ${slot(q, j)} (local.get $f${q}))`).join('\n          ')}`,
    )
    .join('\n          ');
  // V[q*6 + p] = sum_j BT[p][j] t[q][j].
  const stores = range(6)
    .map(
      (q) => `${range(6).map((j) => `(local.set $e${j} (v128.load ${slot(q, j)}))`).join('\n          ')}
          ${range(6).map((p) => `(v128.store (i32.add (local.get $out) (i32.mul (local.get $vsb) (i32.const ${q * 6 + p}))) ${lincomb(BT4[p], range(6).map((j) => `$e${j}`))})`).join('\n          ')}`,
    )
    .join('\n          ');
  const e = range(6).map((i) => `(local $e${i} v128) (local $f${i} v128)`).join(' ');
  return `
  (func (export "wino4_in") (param $xp i32) (param $cin i32) (param $hp i32) (param $wp i32) (param $th i32) (param $twp i32)
      (param $dst i32) (param $vstride i32) (param $jp0 i32) (param $jp1 i32) (param $tmp i32)
    (local $jp i32) (local $half i32) (local $groups i32) (local $c i32) (local $ty i32) (local $tx i32) (local $tile i32) (local $base i32) (local $out i32) (local $wpb i32) (local $vsb i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128) ${e}
    (local.set $wpb (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $vsb (i32.shl (local.get $vstride) (i32.const 2)))
    ${tilePanelLoop('$c', '$cin', '', `(local.set $base (i32.add (local.get $xp)
              (i32.shl (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $hp)) (i32.shl (local.get $ty) (i32.const 2))) (local.get $wp))
                (i32.shl (local.get $tx) (i32.const 2))) (i32.const 2))))
            (local.set $out (i32.add (local.get $dst)
              (i32.add (i32.shl (i32.add (i32.mul (i32.sub (local.get $jp) (local.get $jp0)) (local.get $cin)) (local.get $c)) (i32.const 5))
                (i32.shl (local.get $half) (i32.const 4)))))
          ${rows}
          ${cols}
          ${stores}`)})`;
}

// wino4_out: 36 products (panel layout, ldm = coutPad rows) -> A^T M A + bias,
// activation, into the conv's output dst [cout][oh][ow]; panels [jp0, jp1), read
// from panel 0 of M on. Tile rows and columns past the output (the last tiles of
// a size not a multiple of 4, and the tiles padding twp to a multiple of 4) are
// not stored: cropping a padded [cout][4*th][4*twp] copy afterwards cost a pass.
// Two passes through a 24-v128 scratch at $tmp, as wino4_in: column j of the
// 36 products in, s[q][j] = sum_i AT[q][i] m[i][j] out; then row q of s in,
// y[q][c] = sum_j AT[c][j] s[q][j] + bias, activation, four tiles' rows out
// (the same sums in the same order as the one-pass version, which held 76 values).
function wino4Out() {
  const slot = (q, j) => `offset=${16 * (q * 6 + j)} (local.get $tmp)`;
  // Tile t of the four in $o<t>: its 4 columns start 4t past the group's; $vc
  // columns of the output are left from the group's first one.
  const storeTileRow = (t) => `(if (i32.ge_s (local.get $vc) (i32.const ${4 * t + 4}))
                (then (v128.store offset=${16 * t} (local.get $rp) (local.get $o${t})))
                (else (if (i32.gt_s (local.get $vc) (i32.const ${4 * t}))
                  (then
                    (f32.store offset=${16 * t} (local.get $rp) (f32x4.extract_lane 0 (local.get $o${t})))
                    (if (i32.gt_s (local.get $vc) (i32.const ${4 * t + 1}))
                      (then (f32.store offset=${16 * t + 4} (local.get $rp) (f32x4.extract_lane 1 (local.get $o${t})))))
                    (if (i32.gt_s (local.get $vc) (i32.const ${4 * t + 2}))
                      (then (f32.store offset=${16 * t + 8} (local.get $rp) (f32x4.extract_lane 2 (local.get $o${t})))))))))`;
  const colPass = range(6)
    .map(
      (j) => `${range(6).map((i) => `(local.set $e${i} (v128.load (i32.add (local.get $mp) (i32.mul (local.get $msb) (i32.const ${i * 6 + j})))))`).join('\n          ')}
          ${range(4).map((q) => `(v128.store ${slot(q, j)} ${lincomb(AT4[q], range(6).map((i) => `$e${i}`))})`).join('\n          ')}`,
    )
    .join('\n          ');
  const rowPass = range(4)
    .map(
      (q) => `${range(6).map((j) => `(local.set $e${j} (v128.load ${slot(q, j)}))`).join('\n          ')}
          ${range(4).map((c) => `(local.set $y${c} (f32x4.add ${lincomb(AT4[c], range(6).map((j) => `$e${j}`))} (local.get $vb)))`).join('\n          ')}
          ${range(4).map((c) => activate(`$y${c}`)).join('')}
          ${transpose4(['$y0', '$y1', '$y2', '$y3'], ['$o0', '$o1', '$o2', '$o3'], ['$u0', '$u1', '$u2', '$u3'])}
          (if (i32.lt_u (i32.add (i32.shl (local.get $ty) (i32.const 2)) (i32.const ${q})) (local.get $oh))
            (then
              (local.set $rp (i32.add (local.get $op) (i32.mul (local.get $wob) (i32.const ${q}))))
              ${range(4).map((t) => storeTileRow(t)).join('\n              ')}))`,
    )
    .join('\n          ');
  // Each output channel's bias, in all four lanes.
  const loadBias = '(local.set $vb (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))';
  return `
  (func (export "wino4_out") (param $m i32) (param $cout i32) (param $th i32) (param $twp i32) (param $ldm i32) (param $mstride i32)
      (param $dst i32) (param $bias i32) (param $act i32) (param $alpha f32) (param $jp0 i32) (param $jp1 i32) (param $tmp i32)
      (param $oh i32) (param $ow i32)
    (local $jp i32) (local $half i32) (local $groups i32)
    (local $o i32) (local $ty i32) (local $tx i32) (local $tile i32) (local $mp i32) (local $op i32) (local $msb i32) (local $wob i32) (local $rp i32) (local $vc i32)
    (local $vb v128) (local $valpha v128) (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local $o0 v128) (local $o1 v128) (local $o2 v128) (local $o3 v128)
    ${range(6).map((i) => `(local $e${i} v128)`).join(' ')} ${range(4).map((c) => `(local $y${c} v128)`).join(' ')}
    (local.set $valpha (f32x4.splat (local.get $alpha)))
    (local.set $msb (i32.shl (local.get $mstride) (i32.const 2)))
    (local.set $wob (i32.shl (local.get $ow) (i32.const 2)))
    ${tilePanelLoop('$o', '$cout', loadBias, `(local.set $mp (i32.add (local.get $m)
              (i32.add (i32.shl (i32.add (i32.mul (i32.sub (local.get $jp) (local.get $jp0)) (local.get $ldm)) (local.get $o)) (i32.const 5))
                (i32.shl (local.get $half) (i32.const 4)))))
            (local.set $op (i32.add (local.get $dst)
              (i32.add (i32.mul (i32.add (i32.mul (local.get $o) (local.get $oh)) (i32.shl (local.get $ty) (i32.const 2))) (local.get $wob))
                (i32.shl (local.get $tx) (i32.const 4)))))
            (local.set $vc (i32.sub (local.get $ow) (i32.shl (local.get $tx) (i32.const 2))))
          ${colPass}
          ${rowPass}`)})`;
}

// Logistic sigmoid 1 / (1 + e^-x) over n floats, four per v128 (n rounded up
// to a multiple of 4: the caller's buffers hold the extra lanes). e^z by the
// usual float32 scheme (as in Cephes' expf): z = k ln2 + r with k = nearest
// integer to z log2(e), |r| <= ln2/2, ln2 split in two so k ln2 is exact;
// e^r by a degree-7 Taylor-like polynomial (Cephes' minimax coefficients,
// about 1 ulp), 2^k built in the exponent bits. z is clamped to [-87, 88] so
// that k stays in [-126, 127] (2^k a normal float); sigmoid is 1 or below
// 7e-39 there anyway, and NaN stays NaN.
const sigmoid = `
  (func (export "sigmoid") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $z v128) (local $k v128) (local $r v128) (local $p v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (loop $vec
        ;; z = -x in [-87, 88]; pmax(z, c) = z < c ? c : z (and pmin alike) keeps a NaN z
        (local.set $z (f32x4.neg (v128.load (local.get $src))))
        (local.set $z (f32x4.pmax (local.get $z) (v128.const f32x4 -87 -87 -87 -87)))
        (local.set $z (f32x4.pmin (local.get $z) (v128.const f32x4 88 88 88 88)))
        (local.set $k (f32x4.nearest (f32x4.mul (local.get $z) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
        (local.set $r (f32x4.sub (local.get $z) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))))
        (local.set $r (f32x4.sub (local.get $r) (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
        (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
        ${[1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1]
          .map((c) => `(local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 ${c} ${c} ${c} ${c})))`)
          .join('\n        ')}
        ;; e^r = 1 + r + r^2 p
        (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r) (local.get $r)) (local.get $p)) (local.get $r)) (v128.const f32x4 1 1 1 1)))
        ;; * 2^k: (k + 127) << 23 as float bits
        (local.set $p (f32x4.mul (local.get $p)
          (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
        (v128.store (local.get $dst) (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $p))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br_if $vec (i32.lt_u (local.get $src) (local.get $end))))))`;

/**
 * The module's WAT text.
 * @param {{ relaxed: boolean }} options relaxed: fused multiply-add via f32x4.relaxed_madd
 * @returns {string}
 */
export function kernelsWat({ relaxed }) {
  const madd = relaxed ? (a, b, c) => `(f32x4.relaxed_madd ${a} ${b} ${c})` : (a, b, c) => `(f32x4.add (f32x4.mul ${a} ${b}) ${c})`;
  return `(module
  (import "env" "memory" (memory 1 ${MAX_PAGES} shared))
  ${gemm(madd)}
  ${im2colPack}
  ${copyPlanes}
  ${padPlanes}
  ${binaryOps}
  ${transposePlanes}
  ${resize2x}
  ${unpackPanels}
  ${maxPool}
  ${winoIn()}
  ${winoOut()}
  ${wino4In()}
  ${wino4Out()}
  ${sigmoid}
)
`;
}
