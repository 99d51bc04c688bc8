package io.liqopt.serving.state;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.Baselines;
import io.liqopt.core.forecast.baseline.HistoricalSimulationForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.simulation.PathQuantileForecaster;
import io.liqopt.ml.BundleException;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.ChosenQuantiles;
import io.liqopt.ml.MlForecastModel;
import java.util.List;
import java.util.Objects;

/**
 * The forecast model being served and where it came from: a verified bundle of {@code models/}, or
 * a classical baseline fitted at start-up on the stored history ({@code --baseline}).
 */
public final class ServingModel implements AutoCloseable {
  /** Seed of baseline fits (only the FHS residual sampling draws random numbers). */
  static final long BASELINE_SEED = 42;

  /** Standardised paths per asset when the quantiles come from the path engine. */
  static final int QUANTILE_PATHS = 20_000;

  /** A baseline name's suffix for the path engine's quantiles. */
  public static final String PATHS_SUFFIX = "+paths";

  private final ForecastModel model;
  private final String id;
  private final String mode;
  private final BundleManifest manifest;
  private final ForecastModel owned;
  private final QuantileTracking tracking;

  private ServingModel(
      ForecastModel model,
      String id,
      String mode,
      BundleManifest manifest,
      ForecastModel owned,
      QuantileTracking tracking) {
    this.model = Objects.requireNonNull(model, "model");
    this.id = id;
    this.mode = mode;
    this.manifest = manifest;
    this.owned = owned;
    this.tracking = Objects.requireNonNull(tracking, "tracking");
  }

  /**
   * Verifies (checksums, format, feature schema) and loads a bundle, its adverse-move quantiles
   * from the source it chose per horizon ({@link ChosenQuantiles}): where that is the path engine,
   * its paths are drawn from the residuals of {@code series} (the held bars), and the id, mode and
   * every forecast say {@code +paths}. The stress probability is always the bundle's own.
   *
   * @throws BundleException saying why the bundle is refused
   */
  public static ServingModel bundle(
      BundleStore store, String bundleId, java.util.Collection<BarSeries> series) {
    BundleManifest m = store.verify(bundleId, FeatureCalculator.SCHEMA);
    MlForecastModel model = MlForecastModel.load(store.root().resolve(bundleId), m);
    ForecastModel served = ChosenQuantiles.apply(model, List.copyOf(series), BASELINE_SEED);
    String suffix = served == model ? "" : "+paths";
    return new ServingModel(
        served, bundleId + suffix, "bundle" + suffix, m, model, m.quantileTracking());
  }

  /**
   * Fits a baseline forecaster on the given histories (all their bars).
   *
   * @param name hs, ewma, garch, har, har-cal, garch-cal or har-garch, or any of them +paths
   */
  public static ServingModel baseline(
      String name, List<AssetHistory> histories, ForecastSpec spec) {
    Forecaster f = baselineForecaster(name);
    long end = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      end = Math.max(end, h.series().lastOpenTimeMs());
    }
    ForecastModel fitted = f.fit(TrainingSet.before(histories, end + 1, spec, BASELINE_SEED));
    return new ServingModel(
        fitted, fitted.modelVersion(), "baseline:" + name, null, fitted, spec.quantileTracking());
  }

  /**
   * The baseline forecaster of that name; {@code NAME+paths} is NAME's variance with the
   * adverse-move quantiles and the stress probability from the path engine.
   */
  public static Forecaster baselineForecaster(String name) {
    if (name.endsWith(PATHS_SUFFIX)) {
      return new PathQuantileForecaster(
          baselineForecaster(name.substring(0, name.length() - PATHS_SUFFIX.length())),
          QUANTILE_PATHS,
          24);
    }
    return Baselines.named(name, HistoricalSimulationForecaster.DEFAULT_LOOKBACK_DAYS)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown baseline '"
                        + name
                        + "'; known: "
                        + String.join(", ", Baselines.NAMES)
                        + ", each also with +paths"));
  }

  public ForecastModel model() {
    return model;
  }

  /** The bundle id, or the fitted baseline's version. */
  public String id() {
    return id;
  }

  /** {@code bundle} or {@code baseline:<name>}. */
  public String mode() {
    return mode;
  }

  /**
   * The tracking of the served quantiles: the bundle's (its manifest's γ), or the spec's for a
   * baseline.
   */
  public QuantileTracking tracking() {
    return tracking;
  }

  /** Whether this is a baseline rather than a trained bundle. */
  public boolean isBaseline() {
    return manifest == null;
  }

  /** The bundle's manifest, or null for a baseline. */
  public BundleManifest manifest() {
    return manifest;
  }

  @Override
  public void close() {
    if (owned instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing frees native memory only; nothing to recover
      }
    }
  }
}
