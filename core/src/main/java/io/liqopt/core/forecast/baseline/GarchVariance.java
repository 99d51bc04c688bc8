package io.liqopt.core.forecast.baseline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.liqopt.core.forecast.AssetHistory;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * A fitted GARCH(1,1)-t variance recursion over an asset's log returns bar to bar ({@link
 * AssetHistory#barReturn}: on hourly bars the feature {@code ret_1h}) and its forecast of the
 * variance over the next H hours, the sum of the forecasts of the bars in them ({@link
 * GarchTState#cumulativeVarianceForecast}). The recursion runs from the first return of the
 * history, started at {@code initialVariance}, so a forecast at row t depends on rows ≤ t only. The
 * path over a history is computed once and cached per history (by identity, weakly).
 *
 * <p>Used by {@link GarchForecaster} and, as a component of its variance combination, by the ML
 * model (which stores it in its bundle as JSON). Thread-safe.
 */
public final class GarchVariance implements VarianceFunction {
  private final GarchTParams params;
  private final double initialVariance;
  private final Map<AssetHistory, GarchPath> paths =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * @param params the fitted parameters
   * @param initialVariance σ² of the first return (the fit sample's mean square about μ)
   */
  @JsonCreator
  public GarchVariance(
      @JsonProperty("params") GarchTParams params,
      @JsonProperty("initialVariance") double initialVariance) {
    this.params = Objects.requireNonNull(params, "params");
    if (!(initialVariance > 0) || !Double.isFinite(initialVariance)) {
      throw new IllegalArgumentException(
          "initialVariance must be positive and finite, was " + initialVariance);
    }
    this.initialVariance = initialVariance;
  }

  @JsonProperty("params")
  public GarchTParams params() {
    return params;
  }

  @JsonProperty("initialVariance")
  public double initialVariance() {
    return initialVariance;
  }

  /**
   * Fits GARCH(1,1)-t by maximum likelihood to the returns of rows 1..{@code lastRow} of {@code
   * history}.
   *
   * @throws IllegalArgumentException with fewer than {@link GarchT#MIN_OBSERVATIONS} returns
   * @throws IllegalStateException if the optimiser fails
   */
  public static GarchVariance fit(AssetHistory history, int lastRow) {
    double[] r = new double[Math.max(0, lastRow)];
    for (int row = 1; row <= lastRow; row++) {
      r[row - 1] = history.barReturn(row);
    }
    int min = history.rowsForHours(GarchT.MIN_OBSERVATIONS);
    if (r.length < min) {
      throw new IllegalArgumentException(
          "GARCH needs at least "
              + min
              + " returns"
              + (min == GarchT.MIN_OBSERVATIONS ? "" : " (" + GarchT.MIN_OBSERVATIONS + " hours)")
              + ", had "
              + r.length);
    }
    GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT);
    double mu = fit.params().mu();
    double init = 0;
    for (double x : r) {
      init += (x - mu) * (x - mu);
    }
    return new GarchVariance(fit.params(), init / r.length);
  }

  @Override
  public double variance(AssetHistory history, int row, int horizonHours) {
    if (row < 1 || row >= history.size()) {
      return Double.NaN;
    }
    // the O(n) pass runs outside the map's lock; two threads may both compute a path for the
    // same history, with identical results
    GarchPath p = paths.get(history);
    if (p == null) {
      p = new GarchPath(history, params, initialVariance);
      paths.put(history, p);
    }
    return new GarchTState(params, p.variance(row), p.residual(row))
        .cumulativeVarianceForecast(history.barsIn(horizonHours));
  }

  /**
   * σ²_t and ε_t for rows 1..n−1 of one history (row t holds the return into bar t), computed once
   * by the recursion and read by row; arrays of its own, never shared.
   */
  private static final class GarchPath {
    private final double[] variance;
    private final double[] residual;

    GarchPath(AssetHistory h, GarchTParams params, double initialVariance) {
      int n = h.size();
      double[] v = new double[n];
      double[] e = new double[n];
      double mu = params.mu();
      for (int row = 1; row < n; row++) {
        e[row] = h.barReturn(row) - mu;
        v[row] = row == 1 ? initialVariance : params.nextVariance(v[row - 1], e[row - 1]);
      }
      this.variance = v;
      this.residual = e;
    }

    /** σ²_t at {@code row}. */
    double variance(int row) {
      return variance[row];
    }

    /** ε_t = r_t − μ at {@code row}. */
    double residual(int row) {
      return residual[row];
    }
  }
}
