;; Shortest-augmenting-path core of @mot/hungarian in WebAssembly: the same
;; algorithm, visiting order, tie-breaking and floating-point order of
;; operations as src/shortest-augmenting-path.ts (see there for the why of
;; each rule), so the two give identical assignments. Built into
;; src/sap-wasm-binary.ts by scripts/build-hungarian-wasm.mjs.
;;
;; All arrays live in the exported memory at byte offsets given by the caller:
;; cost f64[nr*nc] row-major, col4row/path/row4col/remaining/scanned* i32,
;; u/v/shortest f64. The caller sets u = v = 0 and row4col = col4row = -1.
;; Returns 1, or 0 when a path cost overflowed to +Infinity.
(module
  (memory (export "memory") 1)
  (func (export "sap")
    (param $nr i32) (param $nc i32)
    (param $cost i32) (param $col4row i32) (param $u i32) (param $v i32) (param $shortest i32)
    (param $path i32) (param $row4col i32) (param $remaining i32) (param $scannedRows i32) (param $scannedCols i32)
    (result i32)
    (local $curRow i32) (local $it i32) (local $numRemaining i32) (local $nsr i32) (local $nsc i32)
    (local $minVal f64) (local $i i32) (local $base i32) (local $ui f64)
    (local $index i32) (local $lowest f64) (local $j i32) (local $r f64) (local $s f64)
    (local $k i32) (local $row i32) (local $prev i32) (local $a i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $curRow) (local.get $nr)))
        ;; Unscanned columns nc-1, ..., 0; every path cost +Infinity.
        (local.set $it (i32.const 0))
        (block $b1
          (loop $l1
            (br_if $b1 (i32.ge_s (local.get $it) (local.get $nc)))
            (i32.store (i32.add (local.get $remaining) (i32.shl (local.get $it) (i32.const 2)))
              (i32.sub (i32.sub (local.get $nc) (i32.const 1)) (local.get $it)))
            (f64.store (i32.add (local.get $shortest) (i32.shl (local.get $it) (i32.const 3))) (f64.const inf))
            (local.set $it (i32.add (local.get $it) (i32.const 1)))
            (br $l1)))
        (local.set $numRemaining (local.get $nc))
        (local.set $nsr (i32.const 0))
        (local.set $nsc (i32.const 0))
        (local.set $minVal (f64.const 0))
        (local.set $i (local.get $curRow))
        ;; Dijkstra over columns from curRow until a free column is reached.
        (block $found
          (loop $search
            (i32.store (i32.add (local.get $scannedRows) (i32.shl (local.get $nsr) (i32.const 2))) (local.get $i))
            (local.set $nsr (i32.add (local.get $nsr) (i32.const 1)))
            (local.set $base (i32.add (local.get $cost) (i32.shl (i32.mul (local.get $i) (local.get $nc)) (i32.const 3))))
            (local.set $ui (f64.load (i32.add (local.get $u) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $index (i32.const -1))
            (local.set $lowest (f64.const inf))
            (local.set $it (i32.const 0))
            (block $b2
              (loop $l2
                (br_if $b2 (i32.ge_s (local.get $it) (local.get $numRemaining)))
                (local.set $j (i32.load (i32.add (local.get $remaining) (i32.shl (local.get $it) (i32.const 2)))))
                ;; ((minVal + c) - u[i]) - v[j], SciPy's order.
                (local.set $r
                  (f64.sub
                    (f64.sub
                      (f64.add (local.get $minVal) (f64.load (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3)))))
                      (local.get $ui))
                    (f64.load (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3))))))
                (local.set $a (i32.add (local.get $shortest) (i32.shl (local.get $j) (i32.const 3))))
                (local.set $s (f64.load (local.get $a)))
                (if (f64.lt (local.get $r) (local.get $s))
                  (then
                    (i32.store (i32.add (local.get $path) (i32.shl (local.get $j) (i32.const 2))) (local.get $i))
                    (f64.store (local.get $a) (local.get $r))
                    (local.set $s (local.get $r))))
                ;; Lowest path cost; on a tie a free column wins.
                (if (f64.lt (local.get $s) (local.get $lowest))
                  (then
                    (local.set $lowest (local.get $s))
                    (local.set $index (local.get $it)))
                  (else
                    (if (f64.eq (local.get $s) (local.get $lowest))
                      (then
                        (if (i32.eq (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))) (i32.const -1))
                          (then
                            (local.set $lowest (local.get $s))
                            (local.set $index (local.get $it))))))))
                (local.set $it (i32.add (local.get $it) (i32.const 1)))
                (br $l2)))
            (local.set $minVal (local.get $lowest))
            (if (f64.eq (local.get $minVal) (f64.const inf)) (then (return (i32.const 0))))
            (local.set $j (i32.load (i32.add (local.get $remaining) (i32.shl (local.get $index) (i32.const 2)))))
            (local.set $row (i32.load (i32.add (local.get $row4col) (i32.shl (local.get $j) (i32.const 2)))))
            (i32.store (i32.add (local.get $scannedCols) (i32.shl (local.get $nsc) (i32.const 2))) (local.get $j))
            (local.set $nsc (i32.add (local.get $nsc) (i32.const 1)))
            ;; Remove the column: the last unscanned one moves into its slot.
            (local.set $numRemaining (i32.sub (local.get $numRemaining) (i32.const 1)))
            (i32.store (i32.add (local.get $remaining) (i32.shl (local.get $index) (i32.const 2)))
              (i32.load (i32.add (local.get $remaining) (i32.shl (local.get $numRemaining) (i32.const 2)))))
            (br_if $found (i32.eq (local.get $row) (i32.const -1)))
            (local.set $i (local.get $row))
            (br $search)))
        ;; Here $j is the sink. Dual update over the scanned rows and columns.
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
        (local.set $prev (local.get $j))
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
        (local.set $j (local.get $prev))
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
