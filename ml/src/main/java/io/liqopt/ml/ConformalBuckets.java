package io.liqopt.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split-conformal offsets of the quantile network per volatility bucket: the {@link
 * QuantileSource#CONFORMAL} quantiles. A row's network quantile at level α, {@code q̂_α(x)} (in the
 * network's standardised units z = MAE<sub>H</sub>/σ̂<sub>H</sub>, so an offset scales with the
 * row's volatility), becomes {@code q̂_α(x) + o_{b(x),α}}, b(x) the bucket of the row's predicted
 * variance σ̂²<sub>H</sub> (the trees' variance over the quantile horizon, before any combination
 * with GARCH); the adjusted quantiles are then floored at 0 and sorted (rearrangement,
 * Chernozhukov, Fernández-Val and Galichon 2010, which never raises the pinball loss), so they stay
 * non-negative and non-decreasing in α however the offsets differ across levels. Offsets are
 * additive in z; being scaled by σ̂ they are multiplicative in the move itself.
 *
 * <p><b>Fit</b> ({@link #fit}), on the calibration block only (never the selection block, which
 * chooses among the sources): the buckets are the {@value #DEFAULT_BUCKETS} terciles of σ̂² over
 * the block's rows (edges stored). For level α the offset of a bucket of n rows is the conformal
 * quantile of its scores {@code s_i = z_i − q̂_α(x_i)}, their ⌈(n+1)α⌉-th smallest (one-sided
 * split-conformal: Romano, Patterson and Candès 2019, "Conformalized quantile regression", take the
 * maximum of a lower and an upper score; the long adverse move needs upper quantiles only). Under
 * exchangeability of the bucket's rows this gives {@code P(z ≤ q̂_α(x) + o) ≥ α} within the bucket.
 * A bucket with too few rows for its level, n < 1/(1−α) − 1 (then ⌈(n+1)α⌉ > n), takes the pooled
 * offset, the same order statistic over every row of the block (its n-th when even the block is too
 * short). The block's rows are overlapping H-hour windows of consecutive hours (and assets move
 * together), so the scores are serially dependent and exchangeability, hence the guarantee, holds
 * only approximately.
 *
 * <p>Immutable and thread-safe; {@link #adjust} allocates nothing.
 *
 * @param varianceEdges the upper edges of every bucket but the last, ascending, in the units of
 *     σ̂²<sub>H</sub> (a fraction of price, squared): a row falls in the first bucket whose edge is
 *     ≥ its σ̂², the last when above every edge
 * @param offsets per bucket, per level (ascending), the offset o added to the standardised quantile
 * @param rows per bucket the calibration rows its offsets were fitted on
 */
public record ConformalBuckets(
    List<Double> varianceEdges, List<List<Double>> offsets, List<Integer> rows) {

  /** The number of volatility buckets training fits: terciles. */
  public static final int DEFAULT_BUCKETS = 3;

  /**
   * Absorbs the binary representation error of α in the conformal rank ⌈(n+1)α⌉ (0.95·100 =
   * 95.000…01), as {@code QuantileNet} does.
   */
  private static final double RANK_EPSILON = 1e-9;

  public ConformalBuckets {
    varianceEdges = List.copyOf(varianceEdges);
    rows = List.copyOf(rows);
    List<List<Double>> copy = new ArrayList<>();
    for (List<Double> o : offsets) {
      copy.add(List.copyOf(o));
    }
    offsets = List.copyOf(copy);
    if (offsets.size() != varianceEdges.size() + 1 || rows.size() != offsets.size()) {
      throw new IllegalArgumentException(
          "conformal buckets need one more offset list than edges and one row count per bucket,"
              + " got "
              + varianceEdges.size()
              + " edges, "
              + offsets.size()
              + " offset lists, "
              + rows.size()
              + " row counts");
    }
    for (int b = 0; b < varianceEdges.size(); b++) {
      double e = varianceEdges.get(b);
      if (!(e >= 0) || !Double.isFinite(e) || b > 0 && e < varianceEdges.get(b - 1)) {
        throw new IllegalArgumentException(
            "conformal bucket edges must be finite, >= 0 and ascending: " + varianceEdges);
      }
    }
    for (int b = 0; b < offsets.size(); b++) {
      if (offsets.get(b).isEmpty() || offsets.get(b).size() != offsets.get(0).size()) {
        throw new IllegalArgumentException("every conformal bucket needs one offset per level");
      }
      for (double o : offsets.get(b)) {
        if (!Double.isFinite(o)) {
          throw new IllegalArgumentException("conformal offsets must be finite: " + offsets);
        }
      }
      if (rows.get(b) < 0) {
        throw new IllegalArgumentException("conformal bucket row counts must be >= 0: " + rows);
      }
    }
  }

  /** The number of levels the offsets are for. */
  public int levelCount() {
    return offsets.get(0).size();
  }

  /** The bucket of a row of predicted variance {@code variance}, 0 for the calmest. */
  public int bucket(double variance) {
    return bucket(varianceEdges, variance);
  }

  private static int bucket(List<Double> edges, double variance) {
    int b = 0;
    while (b < edges.size() && variance > edges.get(b)) {
      b++;
    }
    return b;
  }

  /**
   * Adjusts the network's standardised quantiles of one row in place: {@code q_k + o_{b,k}},
   * floored at 0, sorted ascending.
   *
   * @param variance the row's predicted variance σ̂²<sub>H</sub>
   * @param q the network's quantiles at the levels, ascending; overwritten
   * @return {@code q}
   */
  public double[] adjust(double variance, double[] q) {
    if (q.length != levelCount()) {
      throw new IllegalArgumentException(
          "conformal offsets are for " + levelCount() + " levels, got " + q.length + " quantiles");
    }
    List<Double> o = offsets.get(bucket(variance));
    for (int k = 0; k < q.length; k++) {
      q[k] = Math.max(0, q[k] + o.get(k));
    }
    Arrays.sort(q);
    return q;
  }

  /**
   * Fits the buckets and their offsets on a calibration block (see the class description).
   *
   * @param levels the quantile levels α, ascending in (0, 1)
   * @param variance per row the predicted variance σ̂²<sub>H</sub>, finite and ≥ 0
   * @param quantiles per row the network's standardised quantiles {@code q̂_α(x_i)}, one per level
   * @param targets per row the realised standardised move z_i
   * @param buckets the number of buckets, at most the number of rows
   * @throws IllegalArgumentException on mismatched lengths, non-finite values or too few rows
   */
  public static ConformalBuckets fit(
      double[] levels, double[] variance, double[][] quantiles, double[] targets, int buckets) {
    int n = variance.length;
    for (int k = 0; k < levels.length; k++) {
      if (!(levels[k] > 0 && levels[k] < 1) || k > 0 && !(levels[k] > levels[k - 1])) {
        throw new IllegalArgumentException(
            "conformal levels must be ascending in (0, 1): " + Arrays.toString(levels));
      }
    }
    if (levels.length == 0
        || buckets < 1
        || n < buckets
        || quantiles.length != n
        || targets.length != n) {
      throw new IllegalArgumentException(
          "conformal buckets need at least one row per bucket and one quantile row and target per"
              + " variance: "
              + buckets
              + " buckets, "
              + n
              + " variances, "
              + quantiles.length
              + " quantile rows, "
              + targets.length
              + " targets");
    }
    double[] sorted = variance.clone();
    Arrays.sort(sorted);
    List<Double> edges = new ArrayList<>();
    for (int b = 1; b < buckets; b++) {
      edges.add(sorted[(int) ((long) b * n / buckets) - 1]);
    }
    int[] bucketOf = new int[n];
    int[] count = new int[buckets];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(variance[i]) || !Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("conformal calibration row " + i + " is not finite");
      }
      bucketOf[i] = bucket(edges, variance[i]);
      count[bucketOf[i]]++;
    }
    double[][] pooled = scores(levels, quantiles, targets, bucketOf, -1, n);
    List<List<Double>> offsets = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      double[][] s = scores(levels, quantiles, targets, bucketOf, b, count[b]);
      List<Double> o = new ArrayList<>();
      for (int k = 0; k < levels.length; k++) {
        int rank = conformalRank(count[b], levels[k]);
        o.add(rank <= count[b] ? s[k][rank - 1] : pooledOffset(pooled[k], levels[k]));
      }
      offsets.add(o);
      rows.add(count[b]);
    }
    return new ConformalBuckets(edges, offsets, rows);
  }

  /**
   * The split-conformal rank ⌈(n+1)α⌉ (at least 1): the order statistic of n scores whose one-sided
   * offset covers α; above n when n < 1/(1−α) − 1.
   */
  public static int conformalRank(int n, double level) {
    return Math.max(1, (int) Math.ceil((n + 1) * level - RANK_EPSILON));
  }

  /** The pooled offset: the conformal order statistic of sorted scores, the n-th when beyond. */
  private static double pooledOffset(double[] sortedScores, double level) {
    int n = sortedScores.length;
    return sortedScores[Math.min(n, conformalRank(n, level)) - 1];
  }

  /** Per level the sorted scores z − q̂ of the rows in {@code bucket} (every row when −1). */
  private static double[][] scores(
      double[] levels, double[][] quantiles, double[] targets, int[] bucketOf, int bucket, int n) {
    double[][] out = new double[levels.length][n];
    int j = 0;
    for (int i = 0; i < targets.length; i++) {
      if (bucket >= 0 && bucketOf[i] != bucket) {
        continue;
      }
      if (quantiles[i].length != levels.length) {
        throw new IllegalArgumentException(
            "conformal calibration row " + i + " has " + quantiles[i].length + " quantiles");
      }
      for (int k = 0; k < levels.length; k++) {
        out[k][j] = targets[i] - quantiles[i][k];
        if (!Double.isFinite(out[k][j])) {
          throw new IllegalArgumentException("conformal calibration row " + i + " is not finite");
        }
      }
      j++;
    }
    for (double[] s : out) {
      Arrays.sort(s);
    }
    return out;
  }
}
