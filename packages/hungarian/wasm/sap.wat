;; Shortest-augmenting-path core of @mot/hungarian in WebAssembly: the same
;; algorithm, visiting order, tie-breaking and floating-point order of
;; operations as src/shortest-augmenting-path.ts (see there for the why of
;; each rule), so the two give identical assignments. Built into
;; src/sap-wasm-binary.ts by scripts/build-hungarian-wasm.mjs.
;;
;; All arrays live in the exported memory at byte offsets given by the caller
;; (16-byte aligned): cost f64[nr*nc] row-major; per row u, minVals f64,
;; col4row, scannedRows i32; per column v, shortest f64, row4col, path,
;; scannedCols, stepOf i32; and ceil(nc / 2) slot pairs of 48 bytes (below).
;; sap initialises them itself, and returns 1, or 0 when a path cost
;; overflowed to +Infinity.
;;
;; Two changes of bookkeeping, not of arithmetic, make the inner loop cheaper
;; than a transcription of the TypeScript core:
;;
;; - The list of unscanned columns is kept as slots: slot k holds the column
;;   j, its path cost so far and its dual v[j], moved together when a slot is
;;   refilled from the last one. Slots 2q and 2q+1 share a 48-byte record:
;;   path costs as f64x2 at +0, duals as f64x2 at +16, columns as i32 at +32
;;   and +36. The scan reads these sequentially through one pointer, two
;;   pairs per step in f64x2 lanes, and gathers only the cost row through j
;;   (a row's first scan, in the starting order, reads that contiguously).
;; - path[j] (the row that last lowered column j's path cost) is not written
;;   in the scan, where it costs a data-dependent branch per entry. Only the
;;   columns on the augmenting path need it; for those it is recomputed after
;;   the search: the first scanned row whose path cost to j equals j's final
;;   one, which is the row the strict "<" update kept. The recomputation
;;   performs the very operations of the scan, so the values are bit-equal.
;;
;; The scan leaves its fast path only when a lane's path cost is <= the lowest
;; so far; the step's entries are then taken one at a time in the sequential
;; order, so the lowest and its tie-breaking are exactly those of the scalar
;; loop (an entry above the lowest, or NaN, changes nothing there either).
(module
  (memory (export "memory") 1)

  ;; Flags over n f64 values at byte offset p: bit 0 set when one is +Infinity,
  ;; bit 1 when one is NaN or -Infinity (the caller then reports the first
  ;; such entry itself). Lets the caller validate and look for forbidden pairs
  ;; in one vector pass over the copy it has just made.
  (func (export "scan") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $bad v128) (local $inf v128) (local $x v128) (local $c f64) (local $flags i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $b
      (loop $l
        (br_if $b (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        ;; NaN and -Infinity are exactly the values not > -Infinity.
        (local.set $bad (v128.or (local.get $bad)
          (v128.not (f64x2.gt (local.get $x) (f64x2.splat (f64.const -inf))))))
        (local.set $inf (v128.or (local.get $inf) (f64x2.eq (local.get $x) (f64x2.splat (f64.const inf)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $c (f64.load (local.get $p)))
        (if (i32.eqz (f64.gt (local.get $c) (f64.const -inf))) (then (local.set $flags (i32.const 2))))
        (if (f64.eq (local.get $c) (f64.const inf)) (then (local.set $flags (i32.or (local.get $flags) (i32.const 1)))))))
    (if (v128.any_true (local.get $bad)) (then (local.set $flags (i32.or (local.get $flags) (i32.const 2)))))
    (if (v128.any_true (local.get $inf)) (then (local.set $flags (i32.or (local.get $flags) (i32.const 1)))))
    (local.get $flags))

(func (export "sap")
    (param $nr i32) (param $nc i32) (param $cost i32)
    (param $u i32) (param $col4row i32) (param $scannedRows i32) (param $minVals i32)
    (param $v i32) (param $shortest i32) (param $row4col i32) (param $path i32) (param $scannedCols i32) (param $stepOf i32)
    (param $slots i32)
    (result i32)
    (local $curRow i32) (local $it i32) (local $numRemaining i32) (local $nsr i32) (local $nsc i32)
    (local $minVal f64) (local $i i32) (local $base i32) (local $ui f64)
    (local $index i32) (local $lowest f64) (local $j i32) (local $j1 i32) (local $r f64) (local $s f64)
    (local $k i32) (local $t i32) (local $row i32) (local $prev i32) (local $a i32) (local $sink i32)
    (local $pairEnd i32) (local $mv2 v128) (local $ui2 v128) (local $low2 v128) (local $s2 v128) (local $v2 v128)

    ;; u = v = 0, nothing assigned.
    (local.set $it (i32.const 0))
    (block $b0 (loop $l0
      (br_if $b0 (i32.ge_s (local.get $it) (local.get $nr)))
      (f64.store (i32.add (local.get $u) (i32.shl (local.get $it) (i32.const 3))) (f64.const 0))
      (i32.store (i32.add (local.get $col4row) (i32.shl (local.get $it) (i32.const 2))) (i32.const -1))
      (local.set $it (i32.add (local.get $it) (i32.const 1)))
      (br $l0)))
    (local.set $it (i32.const 0))
    (block $b0c (loop $l0c
      (br_if $b0c (i32.ge_s (local.get $it) (local.get $nc)))
      (f64.store (i32.add (local.get $v) (i32.shl (local.get $it) (i32.const 3))) (f64.const 0))
      (i32.store (i32.add (local.get $row4col) (i32.shl (local.get $it) (i32.const 2))) (i32.const -1))
      (local.set $it (i32.add (local.get $it) (i32.const 1)))
      (br $l0c)))

    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $curRow) (local.get $nr)))
        (local.set $numRemaining (local.get $nc))
        (local.set $nsr (i32.const 0))
        (local.set $nsc (i32.const 0))
        (local.set $minVal (f64.const 0))
        (local.set $i (local.get $curRow))
        ;; Dijkstra over columns from curRow until a free column is reached.
        (block $found
          (loop $search
            (i32.store (i32.add (local.get $scannedRows) (i32.shl (local.get $nsr) (i32.const 2))) (local.get $i))
            (f64.store (i32.add (local.get $minVals) (i32.shl (local.get $nsr) (i32.const 3))) (local.get $minVal))
            (local.set $base (i32.add (local.get $cost) (i32.shl (i32.mul (local.get $i) (local.get $nc)) (i32.const 3))))
            (local.set $ui (f64.load (i32.add (local.get $u) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $mv2 (f64x2.splat (local.get $minVal)))
            (local.set $ui2 (f64x2.splat (local.get $ui)))
            (local.set $index (i32.const -1))
            (local.set $lowest (f64.const inf))
            (local.set $low2 (f64x2.splat (f64.const inf)))
            (local.set $a (local.get $slots))
            (local.set $pairEnd (i32.add (local.get $slots) (i32.mul (i32.shr_u (local.get $numRemaining) (i32.const 1)) (i32.const 48))))
            (if (i32.eqz (local.get $nsr))
              (then
                ;; First scan of a row: the slots are filled here, slot k with
                ;; column nc-1-k (SciPy's starting order). Every path cost is
                ;; +Infinity before it, so the new one is pmin(+Infinity, r),
                ;; and a pair's columns and duals are adjacent in memory
                ;; (reversed), one vector load each.
                (local.set $j (i32.sub (local.get $nc) (i32.const 1)))
                (block $bf
                  (loop $lf
                    (br_if $bf (i32.ge_u (local.get $a) (local.get $pairEnd)))
                    (local.set $t (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3)))
                    (local.set $v2
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                        (v128.load (i32.add (local.get $v) (local.get $t))) (local.get $v2)))
                    (local.set $s2
                      (f64x2.pmin (f64x2.splat (f64.const inf))
                        (f64x2.sub
                          (f64x2.sub
                            (f64x2.add (local.get $mv2)
                              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                                (v128.load (i32.add (local.get $base) (local.get $t))) (local.get $v2)))
                            (local.get $ui2))
                          (local.get $v2))))
                    (v128.store (local.get $a) (local.get $s2))
                    (v128.store offset=16 (local.get $a) (local.get $v2))
                    (i32.store offset=32 (local.get $a) (local.get $j))
                    (i32.store offset=36 (local.get $a) (i32.sub (local.get $j) (i32.const 1)))
                    (if (i64x2.bitmask (f64x2.le (local.get $s2) (local.get $low2)))
                      (then
                        (local.set $it (i32.sub (i32.sub (local.get $nc) (i32.const 1)) (local.get $j)))
                        (local.set $s (f64x2.extract_lane 0 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (local.get $it))))
                        (local.set $j1 (i32.sub (local.get $j) (i32.const 1)))
                        (local.set $s (f64x2.extract_lane 1 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j1) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (i32.add (local.get $it) (i32.const 1)))))
                        (local.set $low2 (f64x2.splat (local.get $lowest)))))
                    (local.set $a (i32.add (local.get $a) (i32.const 48)))
                    (local.set $j (i32.sub (local.get $j) (i32.const 2)))
                    (br $lf)))
                ;; With nc odd, column 0 is alone in lane 0 of the last pair.
                (if (i32.and (local.get $nc) (i32.const 1))
                  (then
                    (local.set $r (f64.load (local.get $v)))
                    (f64.store offset=16 (local.get $a) (local.get $r))
                    (i32.store offset=32 (local.get $a) (i32.const 0))
                    (local.set $r
                      (f64.sub (f64.sub (f64.add (local.get $minVal) (f64.load (local.get $base))) (local.get $ui)) (local.get $r)))
                    (local.set $s (select (local.get $r) (f64.const inf) (f64.lt (local.get $r) (f64.const inf))))
                    (f64.store (local.get $a) (local.get $s))
                    (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                          (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (local.get $row4col)) (i32.const -1))))
                      (then (local.set $lowest (local.get $s)) (local.set $index (i32.sub (local.get $nc) (i32.const 1))))))))
              (else
                ;; Two pairs of slots per step, one test of both against the lowest.
                (block $b2
                  (loop $l2
                    (br_if $b2 (i32.gt_u (i32.add (local.get $a) (i32.const 96)) (local.get $pairEnd)))
                    ;; ((minVal + c) - u[i]) - v[j], SciPy's order; pmin(s, r) is
                    ;; r < s ? r : s, the scalar update (NaN r keeps s).
                    (local.set $s2
                      (f64x2.pmin
                        (v128.load (local.get $a))
                        (f64x2.sub
                          (f64x2.sub
                            (f64x2.add (local.get $mv2)
                              (v128.load64_lane 1 (i32.add (local.get $base) (i32.shl (i32.load offset=36 (local.get $a)) (i32.const 3)))
                                (v128.load64_zero (i32.add (local.get $base) (i32.shl (i32.load offset=32 (local.get $a)) (i32.const 3))))))
                            (local.get $ui2))
                          (v128.load offset=16 (local.get $a)))))
                    (v128.store (local.get $a) (local.get $s2))
                    (local.set $v2
                      (f64x2.pmin
                        (v128.load offset=48 (local.get $a))
                        (f64x2.sub
                          (f64x2.sub
                            (f64x2.add (local.get $mv2)
                              (v128.load64_lane 1 (i32.add (local.get $base) (i32.shl (i32.load offset=84 (local.get $a)) (i32.const 3)))
                                (v128.load64_zero (i32.add (local.get $base) (i32.shl (i32.load offset=80 (local.get $a)) (i32.const 3))))))
                            (local.get $ui2))
                          (v128.load offset=64 (local.get $a)))))
                    (v128.store offset=48 (local.get $a) (local.get $v2))
                    (if (i64x2.bitmask (v128.or (f64x2.le (local.get $s2) (local.get $low2)) (f64x2.le (local.get $v2) (local.get $low2))))
                      (then
                        ;; Lowest path cost; on a tie a free column wins.
                        (local.set $it (i32.shl (i32.div_u (i32.sub (local.get $a) (local.get $slots)) (i32.const 48)) (i32.const 1)))
                        (local.set $j (i32.load offset=32 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 0 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                              (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (local.get $it))))
                        (local.set $j (i32.load offset=36 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 1 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (i32.add (local.get $it) (i32.const 1)))))
                        (local.set $j (i32.load offset=80 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 0 (local.get $v2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (i32.add (local.get $it) (i32.const 2)))))
                        (local.set $j (i32.load offset=84 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 1 (local.get $v2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (i32.add (local.get $it) (i32.const 3)))))
                        (local.set $low2 (f64x2.splat (local.get $lowest)))))
                    (local.set $a (i32.add (local.get $a) (i32.const 96)))
                    (br $l2)))
                ;; A last single pair.
                (if (i32.lt_u (local.get $a) (local.get $pairEnd))
                  (then
                    (local.set $s2
                      (f64x2.pmin
                        (v128.load (local.get $a))
                        (f64x2.sub
                          (f64x2.sub
                            (f64x2.add (local.get $mv2)
                              (v128.load64_lane 1 (i32.add (local.get $base) (i32.shl (i32.load offset=36 (local.get $a)) (i32.const 3)))
                                (v128.load64_zero (i32.add (local.get $base) (i32.shl (i32.load offset=32 (local.get $a)) (i32.const 3))))))
                            (local.get $ui2))
                          (v128.load offset=16 (local.get $a)))))
                    (v128.store (local.get $a) (local.get $s2))
                    (if (i64x2.bitmask (f64x2.le (local.get $s2) (local.get $low2)))
                      (then
                        (local.set $it (i32.shl (i32.div_u (i32.sub (local.get $a) (local.get $slots)) (i32.const 48)) (i32.const 1)))
                        (local.set $j (i32.load offset=32 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 0 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (local.get $it))))
                        (local.set $j (i32.load offset=36 (local.get $a)))
                        (local.set $s (f64x2.extract_lane 1 (local.get $s2)))
                        (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                                (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                            (then (local.set $lowest (local.get $s)) (local.set $index (i32.add (local.get $it) (i32.const 1)))))))))
                ;; The odd slot left over: lane 0 of the pair at pairEnd.
                (if (i32.and (local.get $numRemaining) (i32.const 1))
                  (then
                    (local.set $j (i32.load offset=32 (local.get $pairEnd)))
                    (local.set $r
                      (f64.sub
                        (f64.sub
                          (f64.add (local.get $minVal) (f64.load (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3)))))
                          (local.get $ui))
                        (f64.load offset=16 (local.get $pairEnd))))
                    (local.set $s (f64.load (local.get $pairEnd)))
                    (local.set $s (select (local.get $r) (local.get $s) (f64.lt (local.get $r) (local.get $s))))
                    (f64.store (local.get $pairEnd) (local.get $s))
                    (if (i32.or (f64.lt (local.get $s) (local.get $lowest))
                            (i32.and (f64.eq (local.get $s) (local.get $lowest)) (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))))
                        (then (local.set $lowest (local.get $s)) (local.set $index (i32.sub (local.get $numRemaining) (i32.const 1)))))))))
            (local.set $nsr (i32.add (local.get $nsr) (i32.const 1)))
            (local.set $minVal (local.get $lowest))
            (if (f64.eq (local.get $minVal) (f64.const inf)) (then (return (i32.const 0))))
            ;; Column of the chosen slot: scanned at step nsc with path cost lowest.
            (local.set $a (i32.add (local.get $slots) (i32.mul (i32.shr_u (local.get $index) (i32.const 1)) (i32.const 48))))
            (local.set $k (i32.and (local.get $index) (i32.const 1)))
            (local.set $j (i32.load offset=32 (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2)))))
            (f64.store (i32.add (local.get $shortest) (i32.shl (local.get $j) (i32.const 3))) (local.get $lowest))
            (i32.store (i32.add (local.get $stepOf) (i32.shl (local.get $j) (i32.const 2))) (local.get $nsc))
            (i32.store (i32.add (local.get $scannedCols) (i32.shl (local.get $nsc) (i32.const 2))) (local.get $j))
            (local.set $nsc (i32.add (local.get $nsc) (i32.const 1)))
            ;; Remove its slot: the last one (pair $t, lane $prev) moves in.
            (local.set $numRemaining (i32.sub (local.get $numRemaining) (i32.const 1)))
            (local.set $t (i32.add (local.get $slots) (i32.mul (i32.shr_u (local.get $numRemaining) (i32.const 1)) (i32.const 48))))
            (local.set $prev (i32.and (local.get $numRemaining) (i32.const 1)))
            (i32.store offset=32 (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2)))
              (i32.load offset=32 (i32.add (local.get $t) (i32.shl (local.get $prev) (i32.const 2)))))
            (local.set $a (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $t (i32.add (local.get $t) (i32.shl (local.get $prev) (i32.const 3))))
            (f64.store (local.get $a) (f64.load (local.get $t)))
            (f64.store offset=16 (local.get $a) (f64.load offset=16 (local.get $t)))
            (local.set $row (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))))
            (br_if $found (i32.eq (local.get $row) (i32.const -1)))
            (local.set $i (local.get $row))
            (br $search)))
        (local.set $sink (local.get $j))

        ;; path[j] for the columns of the augmenting path, back from the sink,
        ;; following the current matching; u and v are still those the scan used.
        (block $b6
          (loop $l6
            (local.set $k (i32.load (i32.add (local.get $stepOf) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $s (f64.load (i32.add (local.get $shortest) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $t (i32.const 0))
            (block $got
              (loop $rows6
                ;; Rows scanned at steps 0..k saw column j; one of them set its cost.
                (if (i32.gt_s (local.get $t) (local.get $k)) (then unreachable))
                (local.set $row (i32.load (i32.add (local.get $scannedRows) (i32.shl (local.get $t) (i32.const 2)))))
                (br_if $got
                  (f64.eq (local.get $s)
                    (f64.sub
                      (f64.sub
                        (f64.add
                          (f64.load (i32.add (local.get $minVals) (i32.shl (local.get $t) (i32.const 3))))
                          (f64.load (i32.add (local.get $cost)
                            (i32.shl (i32.add (i32.mul (local.get $row) (local.get $nc)) (local.get $j)) (i32.const 3)))))
                        (f64.load (i32.add (local.get $u) (i32.shl (local.get $row) (i32.const 3)))))
                      (f64.load (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3)))))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $rows6)))
            (i32.store (i32.add (local.get $path) (i32.shl (local.get $j) (i32.const 2))) (local.get $row))
            (br_if $b6 (i32.eq (local.get $row) (local.get $curRow)))
            (local.set $j (i32.load (i32.add (local.get $col4row) (i32.shl (local.get $row) (i32.const 2)))))
            (br $l6)))

        ;; Dual update over the scanned rows and columns.
        (local.set $a (i32.add (local.get $u) (i32.shl (local.get $curRow) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $minVal)))
        (local.set $k (i32.const 1))
        (block $b3
          (loop $l3
            (br_if $b3 (i32.ge_s (local.get $k) (local.get $nsr)))
            (local.set $row (i32.load (i32.add (local.get $scannedRows) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $a (i32.add (local.get $u) (i32.shl (local.get $row) (i32.const 3))))
            (f64.store (local.get $a)
              (f64.add (f64.load (local.get $a))
                (f64.sub (local.get $minVal)
                  (f64.load (i32.add (local.get $shortest)
                    (i32.shl (i32.load (i32.add (local.get $col4row) (i32.shl (local.get $row) (i32.const 2)))) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $l3)))
        (local.set $k (i32.const 0))
        (block $b4
          (loop $l4
            (br_if $b4 (i32.ge_s (local.get $k) (local.get $nsc)))
            (local.set $j (i32.load (i32.add (local.get $scannedCols) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $a (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $a)
              (f64.sub (f64.load (local.get $a))
                (f64.sub (local.get $minVal) (f64.load (i32.add (local.get $shortest) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $l4)))
        ;; Augment along the path back from the sink.
        (local.set $j (local.get $sink))
        (block $b5
          (loop $l5
            (local.set $row (i32.load (i32.add (local.get $path) (i32.shl (local.get $j) (i32.const 2)))))
            (i32.store (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2))) (local.get $row))
            (local.set $a (i32.add (local.get $col4row) (i32.shl (local.get $row) (i32.const 2))))
            (local.set $prev (i32.load (local.get $a)))
            (i32.store (local.get $a) (local.get $j))
            (br_if $b5 (i32.eq (local.get $row) (local.get $curRow)))
            (local.set $j (local.get $prev))
            (br $l5)))
        (local.set $curRow (i32.add (local.get $curRow) (i32.const 1)))
        (br $rows)))
    (i32.const 1)))
