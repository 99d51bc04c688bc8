package io.liqopt.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.feature.FeatureMatrix;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.forecast.baseline.EmpiricalDistribution;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.ml.gbm.GbmClassifier;
import io.liqopt.ml.gbm.GbmRegressor;
import io.liqopt.ml.gbm.StressStacking;
import io.liqopt.ml.nn.QuantileNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ML forecast model: per horizon a gradient-boosted regressor of log realised variance, a
 * calibrated gradient-boosted stress classifier and a quantile network for the adverse move over
 * the quantile horizon. Inputs are the {@link FeatureCalculator} features of the row plus one
 * indicator column per training asset (all zero for an asset not seen in training: the pooled
 * model).
 *
 * <ul>
 *   <li>variance over H: the trees' v<sub>ML</sub> = exp(m̂ + ½ s²<sub>H</sub>), m̂ the predicted
 *       log RV (a {@link LinearBase} plus the trees' correction, {@link LogVarianceModel}) and s²
 *       from Duan's smearing on the calibration block; combined with the asset's GARCH(1,1)-t
 *       forecast by {@link VarianceCombination} where the bundle has both (an asset not trained on
 *       gets v<sub>ML</sub>);
 *   <li>long adverse-move quantiles over the quantile horizon: σ̂<sub>H</sub> times the network's
 *       conformally corrected quantiles of z = MAE<sub>H</sub>/σ̂<sub>H</sub> (the trees set the
 *       scale, the network the tail's shape), per volatility bucket ({@link ConformalBuckets})
 *       where training chose so; over other horizons, and for short positions, filtered historical
 *       simulation on the ML volatility (standardised moves of the held-out blocks);
 *   <li>stress probability ({@link StressProbability}): a logistic stack ({@link StressStacking})
 *       of the exceedance probability of L under the ML volatility, or under the {@link
 *       StressSource} training chose (GARCH or the linear base), with its standardised moves, and
 *       the classifier's probability; the classifier sees the input row plus the regressor's
 *       predicted log variance over the stress horizon (column {@link #STACKED_COLUMN}). Older
 *       bundles without a stack use the classifier's probability through its calibration map.
 * </ul>
 *
 * <p>Thread-safe if the underlying predictors are (see {@link QuantileNet}).
 */
public final class MlForecastModel implements ForecastModel, AutoCloseable {
  static final String CALIBRATION_FILE = "calibration.json";
  static final String NET_DIR = "quantile-net";

  /** The stress classifier's extra input: the predicted log variance over the stress horizon. */
  public static final String STACKED_COLUMN = "ml_log_variance_stress_horizon";

  private static final double MAX_LONG_MOVE = 0.999;

  private final String modelVersion;
  private final ForecastSpec spec;
  private final List<String> assets;
  private final List<String> featureNames;
  private final Map<Integer, GbmRegressor> variance;
  private final Map<Integer, LogVarianceModel> logVariance = new LinkedHashMap<>();
  private final MlCalibration calibration;
  private final Map<Integer, EmpiricalDistribution> longZ = new LinkedHashMap<>();
  private final Map<Integer, EmpiricalDistribution> shortZ = new LinkedHashMap<>();
  private final GbmClassifier stress;
  private final QuantileNet net;
  private final StressProbability stressProbability;

  public MlForecastModel(
      String modelVersion,
      MlCalibration calibration,
      Map<Integer, GbmRegressor> variance,
      GbmClassifier stress,
      QuantileNet net) {
    this.modelVersion = modelVersion;
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.spec =
        new ForecastSpec(
            calibration.horizonsHours(),
            calibration.levels(),
            calibration.stressLevel(),
            calibration.stressHorizonHours());
    this.assets = List.copyOf(calibration.assets());
    this.featureNames = featureNames(assets);
    this.variance = Map.copyOf(variance);
    this.stress = Objects.requireNonNull(stress, "stress");
    this.net = Objects.requireNonNull(net, "net");
    for (int h : spec.horizonsHours()) {
      if (!variance.containsKey(h)
          || !calibration.longZ().containsKey(h)
          || !calibration.shortZ().containsKey(h)
          || !calibration.logResidualVariance().containsKey(h)) {
        throw new IllegalArgumentException("ML model lacks the " + h + " h horizon");
      }
      logVariance.put(
          h, new LogVarianceModel(variance.get(h), calibration.linearBase().get(h), featureNames));
      longZ.put(h, sorted(calibration.longZ().get(h)));
      shortZ.put(h, sorted(calibration.shortZ().get(h)));
    }
    this.stressProbability = new StressProbability(calibration, featureNames);
  }

  /** This model with another calibration, sharing its predictors: close only one of the two. */
  public MlForecastModel withCalibration(MlCalibration other) {
    return new MlForecastModel(modelVersion, other, variance, stress, net);
  }

  /** The empirical distribution of sorted standardised moves. */
  private static EmpiricalDistribution sorted(List<Double> z) {
    return EmpiricalDistribution.of(MlCalibration.unboxed(z), z.size());
  }

  /** The model's input columns: the feature schema, then one indicator per training asset. */
  public static List<String> featureNames(List<String> assets) {
    List<String> names = new ArrayList<>(FeatureCalculator.SCHEMA.names());
    for (String a : assets) {
      names.add("asset_" + a);
    }
    return List.copyOf(names);
  }

  /** The stress classifier's input columns: the model's, then {@link #STACKED_COLUMN}. */
  public static List<String> stressFeatureNames(List<String> assets) {
    List<String> names = new ArrayList<>(featureNames(assets));
    names.add(STACKED_COLUMN);
    return List.copyOf(names);
  }

  /** Rows with the predicted log variance appended (the stress classifier's input). */
  public static double[][] stacked(double[][] x, double[] logVariance) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = java.util.Arrays.copyOf(x[i], x[i].length + 1);
      out[i][x[i].length] = logVariance[i];
    }
    return out;
  }

  /** The input row of {@code row} of a history, or null when a feature is undefined there. */
  public static double[] inputRow(FeatureMatrix features, int row, List<String> assets) {
    int k = FeatureCalculator.SCHEMA.size();
    double[] x = new double[k + assets.size()];
    features.row(row, x);
    for (int c = 0; c < k; c++) {
      if (!Double.isFinite(x[c])) {
        return null;
      }
    }
    int a = assets.indexOf(features.symbol());
    if (a >= 0) {
      x[k + a] = 1;
    }
    return x;
  }

  public MlCalibration calibration() {
    return calibration;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public String modelVersion() {
    return modelVersion;
  }

  /** Every symbol: unseen assets are forecast by the pooled model (indicators all zero). */
  @Override
  public Set<String> symbols() {
    return new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return o instanceof String;
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return assets.iterator();
      }

      @Override
      public int size() {
        return assets.size();
      }
    };
  }

  @Override
  public boolean canForecast(AssetHistory history, int row) {
    return row >= 0 && row < history.size() && inputRow(history.features(), row, assets) != null;
  }

  @Override
  public AssetForecast forecast(AssetHistory history, int row) {
    List<AssetForecast> one = forecastRows(history, row, row + 1);
    if (one.get(0) == null) {
      throw new IllegalArgumentException(
          "no ML forecast for "
              + history.symbol()
              + " at row "
              + row
              + ": a feature is undefined there (warm-up)");
    }
    return one.get(0);
  }

  @Override
  public List<AssetForecast> forecastRows(AssetHistory history, int from, int to) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    List<AssetForecast> out = new ArrayList<>(Math.max(0, to - from));
    for (int row = from; row < to; row++) {
      out.add(null);
      double[] x = inputRow(history.features(), row, assets);
      if (x != null) {
        rows.add(x);
        at.add(row);
      }
    }
    if (rows.isEmpty()) {
      return out;
    }
    double[][] x = rows.toArray(new double[0][]);
    Map<Integer, double[]> logVar = new LinkedHashMap<>();
    for (int h : spec.horizonsHours()) {
      logVar.put(h, logVariance(h, x));
    }
    double[] rawStress = stress.probability(stacked(x, logVar.get(spec.stressHorizonHours())));
    double[] sourceVariance = stressProbability.sourceVariance(history, at, x);
    // the network row by row: a batched forward pass differs from a single-row one in the last
    // digits (BLAS blocking), and a forecast must not depend on which rows it was batched with
    double[][] q = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      q[i] = net.predict(x[i]);
    }
    double[] levels = spec.levelArray();
    int qh = calibration.quantileHorizonHours();
    GarchVariance garch = calibration.garch().get(history.symbol());
    for (int i = 0; i < x.length; i++) {
      List<HorizonForecast> horizons = new ArrayList<>();
      double stressVariance = Double.NaN;
      for (int h : spec.horizonsHours()) {
        double mlVariance =
            meanVariance(logVar.get(h)[i], calibration.logResidualVariance().get(h));
        // the network and the standardised moves were fitted on the trees' scale: they keep it
        double sigma = Math.sqrt(mlVariance);
        if (h == spec.stressHorizonHours()) {
          stressVariance = mlVariance;
        }
        double v = combined(h, mlVariance, garch, history, at.get(i));
        QuantileCurve longCurve =
            h == qh
                ? netCurve(levels, q[i], mlVariance, sigma)
                : scaled(levels, longZ.get(h), sigma, MAX_LONG_MOVE);
        horizons.add(
            new HorizonForecast(
                h, v, longCurve, scaled(levels, shortZ.get(h), sigma, Double.MAX_VALUE)));
      }
      double p =
          stressProbability.probability(
              stressVariance,
              sourceVariance == null ? Double.NaN : sourceVariance[i],
              rawStress[i]);
      int row = at.get(i);
      out.set(
          row - from,
          new AssetForecast(
              history.symbol(),
              history.series().openTimeMs(row),
              modelVersion,
              horizons,
              spec.stressLevel(),
              spec.stressHorizonHours(),
              p));
    }
    return out;
  }

  /**
   * The predicted log realised variance over {@code h} of input rows {@code x} (the median of the
   * log-normal; the mean adds ½s²): the trees' prediction, plus the linear base where there is one.
   */
  public double[] logVariance(int h, double[][] x) {
    return logVariance.get(h).predict(x);
  }

  /**
   * The trees' variance forecast, the log-normal mean exp(m̂ + ½s²) of the predicted log RV m̂ with
   * s² from Duan's smearing (training and forecasting both use this).
   */
  public static double meanVariance(double logVariance, double logResidualVariance) {
    return Math.exp(logVariance + 0.5 * logResidualVariance);
  }

  /**
   * P(MAE > level) under the variance forecast: the share of standardised moves z above level/σ̂
   * (filtered historical simulation), the stack's volatility input.
   */
  public static double volatilityStress(EmpiricalDistribution z, double variance, double level) {
    return z.exceedance(level / Math.sqrt(variance));
  }

  /** The variance forecast: the trees' combined with GARCH's where the bundle has both. */
  private double combined(
      int h, double mlVariance, GarchVariance garch, AssetHistory history, int row) {
    VarianceCombination c = calibration.combination().get(h);
    if (c == null || garch == null) {
      return mlVariance;
    }
    double g = garch.variance(history, row, h);
    return g > 0 && Double.isFinite(g) ? c.apply(mlVariance, g) : mlVariance;
  }

  /** σ̂ times the network's quantiles q (with their conformal bucket's offsets: overwritten). */
  private QuantileCurve netCurve(double[] levels, double[] q, double mlVariance, double sigma) {
    if (calibration.conformalBuckets() != null) {
      calibration.conformalBuckets().adjust(mlVariance, q);
    }
    double[] v = new double[q.length];
    for (int k = 0; k < q.length; k++) {
      v[k] = Math.min(MAX_LONG_MOVE, sigma * q[k]);
    }
    return QuantileCurve.rearranged(levels, v);
  }

  private static QuantileCurve scaled(
      double[] levels, EmpiricalDistribution z, double sigma, double cap) {
    double[] v = new double[levels.length];
    for (int k = 0; k < levels.length; k++) {
      v[k] = Math.min(cap, sigma * z.quantile(levels[k]));
    }
    return QuantileCurve.of(levels, v);
  }

  /** Writes the model files into {@code dir} (the bundle writer adds the manifest). */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<Integer, GbmRegressor> e : variance.entrySet()) {
      e.getValue().save(dir.resolve(varianceFile(e.getKey())));
    }
    stress.save(dir.resolve("stress.tribuo"));
    net.save(dir.resolve(NET_DIR));
    Files.write(dir.resolve(CALIBRATION_FILE), BundleStore.JSON.writeValueAsBytes(calibration));
  }

  /**
   * Loads the model files of a verified bundle folder.
   *
   * @throws BundleException if a file cannot be read or does not match the manifest's features
   */
  public static MlForecastModel load(Path dir, BundleManifest manifest) {
    try {
      MlCalibration c =
          BundleStore.JSON.readValue(
              dir.resolve(CALIBRATION_FILE).toFile(), new TypeReference<MlCalibration>() {});
      List<String> names = featureNames(c.assets());
      if (!names.equals(manifest.featureNames())) {
        throw new BundleException(
            "bundle "
                + manifest.bundleId()
                + ": the model's input columns differ from the manifest's feature names");
      }
      Map<Integer, GbmRegressor> variance = new LinkedHashMap<>();
      for (int h : c.horizonsHours()) {
        variance.put(h, GbmRegressor.load(dir.resolve(varianceFile(h)), names));
      }
      GbmClassifier stress =
          GbmClassifier.load(dir.resolve("stress.tribuo"), stressFeatureNames(c.assets()));
      QuantileNet net = QuantileNet.load(dir.resolve(NET_DIR), names);
      return new MlForecastModel(manifest.bundleId(), c, variance, stress, net);
    } catch (IOException | RuntimeException e) {
      if (e instanceof BundleException be) {
        throw be;
      }
      throw new BundleException(
          "bundle " + manifest.bundleId() + ": cannot load its models: " + e.getMessage(), e);
    }
  }

  static String varianceFile(int horizonHours) {
    return "variance-" + horizonHours + "h.tribuo";
  }

  @Override
  public void close() {
    net.close();
  }
}
