package io.liqopt.ml;

import io.liqopt.core.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a bundle.
 *
 * @param bundleId the folder name, {@code <yyyyMMdd-HHmmss>-<8 hex of the content>}
 * @param createdUtc ISO-8601 creation time
 * @param format the bundle format version; a loader refuses formats it does not know
 * @param libraryVersions versions of liqopt, Tribuo, XGBoost, DJL and PyTorch used
 * @param data what the models were trained on
 * @param featureSchemaVersion the feature schema version
 * @param featureNames the feature columns in order (including the asset indicator columns)
 * @param featureSchemaFingerprint SHA-256 of the schema; must equal the running code's
 * @param horizonsHours the forecast horizons
 * @param levels the adverse-move quantile levels
 * @param stressLevel L of the stress event
 * @param stressHorizonHours the horizon of the stress event
 * @param seed the seed of training
 * @param hyperParameters the chosen hyper-parameters per model, and the candidates' scores
 * @param metrics the walk-forward metrics of these models beside the baselines ({@link
 *     BundleMetrics#NONE} when not evaluated)
 * @param files SHA-256 (hex) of every other file of the bundle, by relative path
 * @param recipe the recipe the bundle was trained from; null in bundles written before recipes
 * @param quantileTrackingGamma the step γ of the quantile tracking the service applies to this
 *     bundle's long adverse-move quantiles ({@link io.liqopt.core.forecast.QuantileTracking}), from
 *     the recipe's forecast spec; null (bundles written before it) or 0: none
 */
public record BundleManifest(
    String bundleId,
    String createdUtc,
    int format,
    Map<String, String> libraryVersions,
    TrainingData data,
    String featureSchemaVersion,
    List<String> featureNames,
    String featureSchemaFingerprint,
    List<Integer> horizonsHours,
    List<Double> levels,
    double stressLevel,
    int stressHorizonHours,
    long seed,
    HyperParameters hyperParameters,
    BundleMetrics metrics,
    Map<String, String> files,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        RecipeProvenance recipe,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Double quantileTrackingGamma) {

  /** The bundle format this code writes and reads. */
  public static final int FORMAT = 1;

  public BundleManifest {
    Checks.notBlank(bundleId, "bundleId");
    Checks.notBlank(createdUtc, "createdUtc");
    Objects.requireNonNull(data, "data");
    libraryVersions = Map.copyOf(libraryVersions);
    featureNames = List.copyOf(featureNames);
    horizonsHours = List.copyOf(horizonsHours);
    levels = List.copyOf(levels);
    Objects.requireNonNull(hyperParameters, "hyperParameters");
    metrics = metrics == null ? BundleMetrics.NONE : metrics;
    files = Map.copyOf(files);
    if (quantileTrackingGamma != null) {
      new io.liqopt.core.forecast.QuantileTracking(quantileTrackingGamma); // validates it
    }
  }

  /** A manifest without quantile tracking. */
  public BundleManifest(
      String bundleId,
      String createdUtc,
      int format,
      Map<String, String> libraryVersions,
      TrainingData data,
      String featureSchemaVersion,
      List<String> featureNames,
      String featureSchemaFingerprint,
      List<Integer> horizonsHours,
      List<Double> levels,
      double stressLevel,
      int stressHorizonHours,
      long seed,
      HyperParameters hyperParameters,
      BundleMetrics metrics,
      Map<String, String> files,
      RecipeProvenance recipe) {
    this(
        bundleId,
        createdUtc,
        format,
        libraryVersions,
        data,
        featureSchemaVersion,
        featureNames,
        featureSchemaFingerprint,
        horizonsHours,
        levels,
        stressLevel,
        stressHorizonHours,
        seed,
        hyperParameters,
        metrics,
        files,
        recipe,
        null);
  }

  /** The quantile tracking the service applies to this bundle's quantiles (none when absent). */
  public io.liqopt.core.forecast.QuantileTracking quantileTracking() {
    return new io.liqopt.core.forecast.QuantileTracking(
        quantileTrackingGamma == null ? 0 : quantileTrackingGamma);
  }

  /**
   * The training data.
   *
   * @param symbols the assets
   * @param marketSymbol the market-factor asset
   * @param fromEpochMs first bar's open time
   * @param toEpochMs last bar's open time used (the as-of time)
   * @param bars bars over all assets
   * @param contentSha256 SHA-256 over every bar of every asset (symbol, time, OHLCV)
   */
  public record TrainingData(
      List<String> symbols,
      String marketSymbol,
      long fromEpochMs,
      long toEpochMs,
      long bars,
      String contentSha256) {
    public TrainingData {
      symbols = List.copyOf(symbols);
    }
  }
}
