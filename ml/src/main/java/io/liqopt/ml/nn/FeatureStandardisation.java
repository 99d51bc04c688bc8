package io.liqopt.ml.nn;

/**
 * Per-column standardisation {@code z_j = (x_j − μ_j) / σ_j}, with μ_j and σ_j the mean and the
 * population standard deviation of column j over the TRAINING rows only (two-pass algorithm). A
 * column whose σ_j is below {@link #MIN_STD} (constant in training) gets σ_j = 1, so it is only
 * centred. Immutable: the arrays are copied in and out, and read in place by {@link #standardise}
 * (the hot loop of training and prediction).
 */
final class FeatureStandardisation {
  /** Below this standard deviation a column counts as constant. */
  static final double MIN_STD = 1e-12;

  private final double[] means;
  private final double[] stds;

  private FeatureStandardisation(double[] means, double[] stds) {
    this.means = means;
    this.stds = stds;
  }

  /** Checks and copies μ and σ: of equal length, finite, σ positive. */
  static FeatureStandardisation of(double[] means, double[] stds) {
    means = means.clone();
    stds = stds.clone();
    if (means.length != stds.length) {
      throw new IllegalArgumentException(
          "means and stds differ in length: " + means.length + " vs " + stds.length);
    }
    for (int j = 0; j < means.length; j++) {
      if (!Double.isFinite(means[j]) || !(stds[j] > 0) || !Double.isFinite(stds[j])) {
        throw new IllegalArgumentException(
            "column "
                + j
                + ": mean "
                + means[j]
                + " and std "
                + stds[j]
                + " must be finite with std > 0");
      }
    }
    return new FeatureStandardisation(means, stds);
  }

  /** Fits μ and σ on rows already checked to be finite and of equal length. */
  static FeatureStandardisation fit(double[][] rows) {
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    double[] std = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        double dev = row[j] - mean[j];
        std[j] += dev * dev;
      }
    }
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(std[j] / rows.length);
      std[j] = s >= MIN_STD ? s : 1.0;
    }
    return of(mean, std);
  }

  int width() {
    return means.length;
  }

  /** A copy of μ, one per column. */
  double[] means() {
    return means.clone();
  }

  /** A copy of σ, one per column. */
  double[] stds() {
    return stds.clone();
  }

  /**
   * Writes rows {@code from .. from+count-1} standardised, row-major, as floats into {@code out}.
   */
  void standardise(double[][] rows, int from, int count, float[] out) {
    int d = means.length;
    for (int i = 0; i < count; i++) {
      double[] row = rows[from + i];
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (float) ((row[j] - means[j]) / stds[j]);
      }
    }
  }
}
