package io.liqopt.core.forecast;

/**
 * A forecasting method that learns from a {@link TrainingSet} (the trainer side of Tribuo's
 * Trainer/Model split). Baselines and ML models implement it; the walk-forward evaluation calls
 * {@link #fit} once per fold and judges every method the same way.
 */
public interface Forecaster extends AutoCloseable {
  /** A short stable name ({@code "ewma"}, {@code "garch"}, …), used in reports and bundles. */
  String name();

  /**
   * Learns from {@code data}. An asset with too little data to fit is left out of the model (which
   * then refuses to forecast it) rather than failing the whole fit.
   *
   * @throws IllegalArgumentException if no asset at all can be fitted
   */
  ForecastModel fit(TrainingSet data);

  /**
   * What the most recent {@link #fit} chose among its own candidates, by name (the ML model's
   * stress and quantile sources), for the walk-forward's report; empty for a forecaster that
   * chooses nothing.
   */
  default java.util.Map<String, String> choices() {
    return java.util.Map.of();
  }

  /**
   * How a walk-forward may spread this forecaster's fits over independent workers: groups of fit
   * indices that must run in order on one instance, because a fit may reuse the model of the one
   * before it (the ML model's refit interval). By default every fit stands alone.
   *
   * @param trainingEndsMs the end of each fit's training data ({@link TrainingSet#endMs()}), in the
   *     walk-forward's order
   */
  default java.util.List<java.util.List<Integer>> fitGroups(long[] trainingEndsMs) {
    java.util.List<java.util.List<Integer>> groups = new java.util.ArrayList<>();
    for (int i = 0; i < trainingEndsMs.length; i++) {
      groups.add(java.util.List.of(i));
    }
    return groups;
  }

  /**
   * Whether this forecaster's model of an asset depends on that asset's training data alone, so
   * that fitting it on each asset apart gives the same forecasts as one fit on all of them: a
   * walk-forward may then split its fits by asset. False by default (pooled models, cross-asset
   * calibrations).
   */
  default boolean fitsAssetsApart() {
    return false;
  }

  /**
   * Frees what the forecaster keeps between fits (a reused model's native memory); the models it
   * returned stay usable. Nothing by default.
   */
  @Override
  default void close() {}
}
