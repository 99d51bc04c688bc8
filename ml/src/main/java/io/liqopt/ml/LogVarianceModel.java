package io.liqopt.ml;

import io.liqopt.ml.gbm.GbmRegressor;
import java.util.List;
import java.util.Objects;

/**
 * The ML model's log realised-variance predictor over one horizon: the gradient-boosted trees'
 * prediction plus, where there is one, the {@link LinearBase} they were trained to correct.
 * Training and forecasting both predict through this class, so the sum is written once.
 */
public final class LogVarianceModel {
  private final GbmRegressor trees;
  private final LinearBase base;
  private final int[] baseColumns;

  /**
   * @param trees the trees (of the residual from {@code base}, or of log RV when it is null)
   * @param base the linear base, or null
   * @param names the input columns of the rows to be predicted
   */
  public LogVarianceModel(GbmRegressor trees, LinearBase base, List<String> names) {
    this.trees = Objects.requireNonNull(trees, "trees");
    this.base = base;
    this.baseColumns = base == null ? null : base.bind(names);
  }

  public GbmRegressor trees() {
    return trees;
  }

  /** The linear base, or null. */
  public LinearBase base() {
    return base;
  }

  /** The predicted log RV (the median of the log-normal) of each row. */
  public double[] predict(double[][] x) {
    double[] out = trees.predict(x);
    if (base != null) {
      double[] b = base.predict(x, baseColumns);
      for (int i = 0; i < out.length; i++) {
        out[i] += b[i];
      }
    }
    return out;
  }
}
