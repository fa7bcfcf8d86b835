// Minimum-cost assignment (the Hungarian algorithm, in its shortest-augmenting-path form with potentials, O(n²m)):
// what optimal dispatch and the staging of trucks solve. Forbidden pairs (cost Infinity) are never assigned.

/** An assignment of rows (e.g. trucks) to columns (e.g. cases). */
export interface Assignment {
  /** Column of each row, -1 when the row is left unassigned. */
  rowToCol: Int32Array;
  /** Row of each column, -1 when unassigned. */
  colToRow: Int32Array;
  /** Sum of the costs of the assigned pairs. */
  cost: number;
  /** Number of assigned pairs. */
  pairs: number;
}

/**
 * Solves min Σ cost[r·cols + c] over assignments that first assign as many pairs as possible (every row when
 * rows ≤ cols, every column otherwise) without using a forbidden pair (cost Infinity or NaN), then cost least. When the
 * forbidden pairs make that impossible, as many pairs as can be are assigned and the rest are left at -1.
 * Costs must be ≥ 0 or Infinity. Deterministic: ties go to the solution the scan order finds first.
 */
export function minCostAssignment(cost: ArrayLike<number>, rows: number, cols: number): Assignment {
  const rowToCol = new Int32Array(rows).fill(-1);
  const colToRow = new Int32Array(cols).fill(-1);
  if (rows === 0 || cols === 0) return { rowToCol, colToRow, cost: 0, pairs: 0 };
  if (cost.length < rows * cols) {
    throw new RangeError(`simulation: minCostAssignment: ${cost.length} costs for ${rows} × ${cols} pairs`);
  }
  // 1. Forbidden pairs cost more than any assignment of allowed ones, so they are used only when unavoidable.
  let finiteSum = 0;
  for (let k = 0; k < rows * cols; k++) {
    const c = cost[k];
    if (c < 0) throw new RangeError(`simulation: minCostAssignment: cost ${c} at pair ${k} is negative`);
    if (c < Infinity) finiteSum += c;
  }
  const big = (finiteSum + 1) * (Math.min(rows, cols) + 1);
  // 2. Solve on n ≤ m (transposed if needed), 1-based as the classic formulation.
  const flip = rows > cols;
  const n = flip ? cols : rows;
  const m = flip ? rows : cols;
  const at = (i: number, j: number): number => {
    const c = flip ? cost[j * cols + i] : cost[i * cols + j];
    return c < Infinity ? c : big;
  };
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  // 3. Read back, dropping forbidden pairs.
  let total = 0;
  let pairs = 0;
  for (let j = 1; j <= m; j++) {
    if (p[j] === 0) continue;
    const r = flip ? j - 1 : p[j] - 1;
    const c = flip ? p[j] - 1 : j - 1;
    const w = cost[r * cols + c];
    if (!(w < Infinity)) continue;
    rowToCol[r] = c;
    colToRow[c] = r;
    total += w;
    pairs++;
  }
  return { rowToCol, colToRow, cost: total, pairs };
}
