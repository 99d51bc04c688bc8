package io.liqopt.training.metrics;

import java.util.Arrays;

/**
 * The DQ regression of one phase of {@link PhaseDynamicQuantileTest}, set up once and evaluated on
 * many hit sequences without allocating. The phase has m rows in time order (index i), row i being
 * usable when the K phase steps before it are all in the sample (then its lag j is row i − j); its
 * n usable rows carry the standardised forecast q̃_r (mean 0 and unit norm over them, or 0 if the
 * forecast is constant there).
 *
 * <p>With X = (1, q̃_t, Hit_{t−1}, ..., Hit_{t−K}) and Hit_t = I_t − p on the usable rows, XᵀX and
 * XᵀHit follow from counts over the hits alone (e.g. Σ_t Hit_{t−j} Hit_{t−l} = C_jl − p(A_j + A_l)
 * + n p², A_j the hits at lag j of a usable row, C_jl those at both lags), so one evaluation costs
 * O(hits × K²) rather than O(n K²). The statistic is the squared norm of the projection of Hit on
 * the column space of X over p(1 − p), computed by a Cholesky factorisation of the Gram matrix of
 * the unit-norm columns that drops a column whose pivot (1 − R² on the columns before it) is below
 * {@link #COLLINEAR}: DQ when X has full rank, and the same projection without the redundant
 * regressor when it has not (e.g. a lag without a hit, equal to −p, lies in the span of the
 * constant).
 *
 * <p>Not thread-safe: it owns its work arrays.
 */
final class PhaseRegression {
  /** A pivot of the unit-norm Gram matrix below this drops the column as collinear. */
  static final double COLLINEAR = 1e-10;

  /** A forecast whose spread about its mean is below this share of its norm counts as constant. */
  static final double CONSTANT = 1e-10;

  private final int lags;
  private final double rate;

  /** Per phase row: its usable-row index r, or −1. */
  private final int[] usable;

  /** Per usable row: q̃_r. */
  private final double[] quantile;

  private final double quantileSumSq;
  private final int n;
  private final boolean[] hitAt;
  private final double[] lagHits;
  private final double[] lagQuantile;
  private final double[] hitLag;
  private final double[][] both;
  private final double[][] gram;
  private final double[] score;
  private final double[][] chol;
  private final double[] solved;
  private final boolean[] kept;

  /**
   * @param step the phase step of each row (position div h), strictly increasing
   * @param quantile q_t of each row
   * @param lags K, &ge; 1
   * @param rate p, in (0, 1)
   */
  PhaseRegression(long[] step, double[] quantile, int lags, double rate) {
    int m = step.length;
    this.lags = lags;
    this.rate = rate;
    this.usable = new int[m];
    int count = 0;
    for (int i = 0; i < m; i++) {
      // steps are strictly increasing integers: K rows back is K steps back iff none is missing
      boolean ok = i >= lags && step[i - lags] == step[i] - lags;
      usable[i] = ok ? count++ : -1;
    }
    this.n = count;
    this.quantile = standardised(quantile, usable, count);
    double sq = 0;
    for (double v : this.quantile) {
      sq += v * v;
    }
    this.quantileSumSq = sq;
    int c = lags + 2;
    this.hitAt = new boolean[m];
    this.lagHits = new double[lags];
    this.lagQuantile = new double[lags];
    this.hitLag = new double[lags];
    this.both = new double[lags][lags];
    this.gram = new double[c][c];
    this.score = new double[c];
    this.chol = new double[c][c];
    this.solved = new double[c];
    this.kept = new boolean[c];
  }

  /** n, the usable rows. */
  int usableRows() {
    return n;
  }

  /** The number of hits among the usable rows in {@code hitRows}. */
  int usableHits(int[] hitRows, int hitCount) {
    int k = 0;
    for (int h = 0; h < hitCount; h++) {
      k += usable[hitRows[h]] >= 0 ? 1 : 0;
    }
    return k;
  }

  /**
   * The statistic for the hits at phase rows {@code hitRows[0..hitCount)} (increasing).
   *
   * @return DQ (the projection form of the class javadoc), &ge; 0
   */
  double statistic(int[] hitRows, int hitCount) {
    for (int h = 0; h < hitCount; h++) {
      hitAt[hitRows[h]] = true;
    }
    double hitsUsable = 0;
    double hitsQuantile = 0;
    Arrays.fill(lagHits, 0);
    Arrays.fill(lagQuantile, 0);
    Arrays.fill(hitLag, 0);
    for (double[] row : both) {
      Arrays.fill(row, 0);
    }
    int m = usable.length;
    for (int h = 0; h < hitCount; h++) {
      int i = hitRows[h];
      int r = usable[i];
      if (r >= 0) {
        hitsUsable++;
        hitsQuantile += quantile[r];
        for (int j = 0; j < lags; j++) {
          hitLag[j] += hitAt[i - j - 1] ? 1 : 0;
        }
      }
      for (int j = 0; j < lags; j++) {
        int u = i + j + 1;
        int ru = u < m ? usable[u] : -1;
        if (ru >= 0) {
          lagHits[j]++;
          lagQuantile[j] += quantile[ru];
          for (int l = j + 1; l < lags; l++) {
            both[j][l] += hitAt[u - l - 1] ? 1 : 0;
          }
        }
      }
    }
    for (int h = 0; h < hitCount; h++) {
      hitAt[hitRows[h]] = false;
    }
    fillGram(hitsUsable, hitsQuantile);
    return projection() / (rate * (1 - rate));
  }

  /** XᵀX and XᵀHit from the counts, in the column order (1, q̃, Hit_{t−1}, ..., Hit_{t−K}). */
  private void fillGram(double hitsUsable, double hitsQuantile) {
    double p = rate;
    double np2 = n * p * p;
    gram[0][0] = n;
    gram[0][1] = 0; // Σ q̃ = 0
    gram[1][1] = quantileSumSq;
    score[0] = hitsUsable - n * p;
    score[1] = hitsQuantile;
    for (int j = 0; j < lags; j++) {
      int a = j + 2;
      gram[0][a] = lagHits[j] - n * p;
      gram[1][a] = lagQuantile[j];
      gram[a][a] = lagHits[j] * (1 - 2 * p) + np2;
      for (int l = j + 1; l < lags; l++) {
        gram[a][l + 2] = both[j][l] - p * (lagHits[j] + lagHits[l]) + np2;
      }
      score[a] = hitLag[j] - p * (hitsUsable + lagHits[j]) + np2;
    }
  }

  /**
   * ‖P_X Hit‖² from the upper triangle of {@link #gram} and {@link #score}: Cholesky of the
   * unit-norm Gram matrix, dropping collinear columns, then ‖L⁻¹ Xᵀ Hit‖².
   */
  private double projection() {
    int c = lags + 2;
    double total = 0;
    for (int a = 0; a < c; a++) {
      double da = gram[a][a];
      kept[a] = false;
      if (!(da > 0)) {
        continue;
      }
      double v = 1;
      double z = score[a] / Math.sqrt(da);
      for (int b = 0; b < a; b++) {
        if (kept[b]) {
          v -= chol[a][b] * chol[a][b];
          z -= chol[a][b] * solved[b];
        }
      }
      if (!(v > COLLINEAR)) {
        continue;
      }
      kept[a] = true;
      double pivot = Math.sqrt(v);
      chol[a][a] = pivot;
      solved[a] = z / pivot;
      total += solved[a] * solved[a];
      for (int e = a + 1; e < c; e++) {
        double s = gram[a][e] / Math.sqrt(da * gram[e][e]);
        if (!Double.isFinite(s)) {
          s = 0;
        }
        for (int b = 0; b < a; b++) {
          if (kept[b]) {
            s -= chol[e][b] * chol[a][b];
          }
        }
        chol[e][a] = s / pivot;
      }
    }
    return total;
  }

  private static double[] standardised(double[] q, int[] usable, int count) {
    double[] out = new double[count];
    double mean = 0;
    for (int i = 0; i < q.length; i++) {
      if (usable[i] >= 0) {
        mean += q[i];
      }
    }
    mean /= Math.max(1, count);
    double norm = 0;
    double raw = 0;
    for (int i = 0; i < q.length; i++) {
      if (usable[i] >= 0) {
        out[usable[i]] = q[i] - mean;
        norm = Math.hypot(norm, out[usable[i]]);
        raw = Math.hypot(raw, q[i]);
      }
    }
    // a forecast constant up to rounding has no direction of its own: it joins the constant
    boolean varies = norm > CONSTANT * raw;
    for (int r = 0; r < count; r++) {
      out[r] = varies ? out[r] / norm : 0d;
    }
    return out;
  }
}
