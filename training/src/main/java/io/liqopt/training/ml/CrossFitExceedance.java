package io.liqopt.training.ml;

import io.liqopt.core.forecast.baseline.EmpiricalDistribution;
import io.liqopt.core.forecast.baseline.TailedDistribution;

/**
 * Exceedance probabilities of standardised moves scored without the scored row's own outcome
 * (cross-fitting): the rows' time span is cut into {@code folds} contiguous blocks of whole days; a
 * row of block k is scored against the {@link TailedDistribution} of the moves of the other blocks,
 * less an embargo of the horizon on either side of block k (24 h targets overlap, so a neighbour's
 * move shares most of the row's path). Used wherever a stress probability is computed to fit or
 * select something; a served model may use every row, as it scores only later ones. Immutable.
 */
final class CrossFitExceedance {
  /** The default number of blocks. */
  static final int FOLDS = 5;

  private static final long DAY_MS = 24 * 3_600_000L;

  private final long startMs;
  private final long foldMs;
  private final TailedDistribution[] perFold;

  private CrossFitExceedance(long startMs, long foldMs, TailedDistribution[] perFold) {
    this.startMs = startMs;
    this.foldMs = foldMs;
    this.perFold = perFold;
  }

  /**
   * The per-block distributions of moves {@code z} at open times {@code timesMs}.
   *
   * @param embargoMs rows this close to a block (the horizon) are left out of its sample
   * @param tailLevel the threshold level of the fitted tail
   * @throws IllegalArgumentException if the arrays differ in length or a block has no sample
   */
  static CrossFitExceedance of(
      long[] timesMs, double[] z, int folds, long embargoMs, double tailLevel) {
    if (timesMs.length != z.length || z.length == 0 || folds < 2) {
      throw new IllegalArgumentException(
          "cross-fitting needs one move per time, at least one, and two blocks or more");
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (long t : timesMs) {
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
    long days = (end - start) / DAY_MS + 1;
    long foldMs = ((days + folds - 1) / folds) * DAY_MS;
    TailedDistribution[] perFold = new TailedDistribution[folds];
    double[] sample = new double[z.length];
    for (int k = 0; k < folds; k++) {
      long from = start + k * foldMs;
      long to = from + foldMs;
      int m = 0;
      for (int i = 0; i < z.length; i++) {
        if (timesMs[i] + embargoMs <= from || timesMs[i] >= to + embargoMs) {
          sample[m++] = z[i];
        }
      }
      if (m == 0) {
        throw new IllegalArgumentException(
            "cross-fitting: block " + k + " has no moves outside it and its embargo");
      }
      perFold[k] = TailedDistribution.of(EmpiricalDistribution.of(sample, m), tailLevel);
    }
    return new CrossFitExceedance(start, foldMs, perFold);
  }

  /** P(z &gt; x) for a row opened at {@code timeMs}, from the sample of the other blocks. */
  double exceedance(long timeMs, double x) {
    long k = Math.floorDiv(timeMs - startMs, foldMs);
    int fold = (int) Math.max(0, Math.min(perFold.length - 1, k));
    return perFold[fold].exceedance(x);
  }
}
