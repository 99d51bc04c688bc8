package io.liqopt.core.forecast.baseline;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.target.HorizonTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The baselines given the ML model's variance post-processing ({@link VarianceCombination}): per
 * horizon, pooled over assets, log v = (1 − w)·log v<sub>HAR</sub> + w·log v<sub>GARCH</sub> + c
 * with (w, c) chosen by QLIKE on a calibration block ({@link Kind#HAR_GARCH}), or the level c
 * alone, c = ln mean(RV / v), the QLIKE-optimal scale, of HAR (w = 0, {@link Kind#HAR_CAL}) or
 * GARCH (w = 1, {@link Kind#GARCH_CAL}). v<sub>HAR</sub> is {@link HarForecaster}'s forecast,
 * v<sub>GARCH</sub> {@link GarchForecaster}'s; quantiles and stress probability by filtered
 * historical simulation of the moves standardised by the combined variance ({@link
 * VarianceScaledModel}), on all the training rows as the other baselines.
 *
 * <p>Blocks as the ML model's ({@link CalibrationLayout}): the calibration block is the last 60
 * days of the training data; the base models are fitted on the bars before the ML model's selection
 * block (30 days before the calibration block) less an embargo of the longest horizon — the span on
 * which the ML model fits its GARCH and its trees. (w, c) chosen there are then applied, by
 * default, to the base models refitted on all the training data ({@code refitBases}): the baselines
 * get the freshest fit, which the ML model (not refitted, its calibrations being fitted to the
 * models as trained) does not, so the comparison errs in the baselines' favour; with {@code
 * refitBases} false they are not refitted, as the ML model's. Realised variance is floored at 1e-10
 * in the fit, as in the evaluation. A forecast at row t reads rows ≤ t only. Thread-safe; stateless
 * but for {@link #lastCombination}.
 */
public final class CalibratedVarianceForecaster implements Forecaster {
  /** Fewer calibration rows than this (pooled) per horizon and the fit fails, as the ML model's. */
  static final int MIN_CALIBRATION_ROWS = 500;

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** Which baseline, and how its variance is post-processed. */
  public enum Kind {
    /** HAR ⊕ GARCH: w on the grid 0, 0.05, …, 1 and c. */
    HAR_GARCH("har-garch", "har-garch", true, true, Double.NaN),
    /** HAR with the level c alone (w = 0). */
    HAR_CAL("har-cal", "har-rv-cal", true, false, 0),
    /** GARCH(1,1)-t with the level c alone (w = 1). */
    GARCH_CAL("garch-cal", "garch-t-cal", false, true, 1);

    private final String forecasterName;
    private final String modelVersion;
    private final boolean har;
    private final boolean garch;
    private final double fixedGarchWeight;

    Kind(
        String forecasterName,
        String modelVersion,
        boolean har,
        boolean garch,
        double fixedGarchWeight) {
      this.forecasterName = forecasterName;
      this.modelVersion = modelVersion;
      this.har = har;
      this.garch = garch;
      this.fixedGarchWeight = fixedGarchWeight;
    }

    /** The name a user gives ({@code har-garch}, {@code har-cal}, {@code garch-cal}). */
    public String forecasterName() {
      return forecasterName;
    }
  }

  private final Kind kind;
  private final CalibrationLayout layout;
  private final boolean refitBases;
  private volatile Map<Integer, VarianceCombination> lastCombination = Map.of();

  /** {@code kind} with the ML model's block layout, its bases refitted on all the data. */
  public CalibratedVarianceForecaster(Kind kind) {
    this(kind, CalibrationLayout.ML_DEFAULTS, true);
  }

  /**
   * @param refitBases whether the chosen (w, c) apply to the base models refitted on all the
   *     training data (true) or to the ones they were chosen with, fitted before the blocks
   */
  public CalibratedVarianceForecaster(Kind kind, CalibrationLayout layout, boolean refitBases) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.refitBases = refitBases;
  }

  @Override
  public String name() {
    return kind.forecasterName;
  }

  /** Per horizon the (w, c) of the last fit (empty before the first). */
  public Map<Integer, VarianceCombination> lastCombination() {
    return lastCombination;
  }

  /**
   * Fits the base models on the data before the calibration block (less the selection block and the
   * embargo), then (w, c) per horizon on the calibration block, then (with {@code refitBases}) the
   * base models again on all the data.
   *
   * @throws IllegalArgumentException if no asset can be fitted, or a horizon has fewer than {@link
   *     #MIN_CALIBRATION_ROWS} calibration rows with a defined forecast
   */
  @Override
  public ForecastModel fit(TrainingSet data) {
    List<Integer> horizons = data.spec().horizonsHours();
    long endMs = lastUsableOpenTimeMs(data) + 1;
    long calStartMs = endMs - layout.calibrationDays() * DAY_MS;
    long fitEndMs =
        calStartMs - layout.selectionDays() * DAY_MS - layout.embargoHours(horizons) * HOUR_MS;
    List<AssetHistory> histories = data.assets().stream().map(TrainingSet.Asset::history).toList();
    TrainingSet fitData = TrainingSet.before(histories, fitEndMs, data.spec(), data.seed());
    if (fitData.assets().isEmpty()) {
      throw new IllegalArgumentException(
          name() + ": no data before the calibration block and its embargo");
    }
    Map<String, VarianceFunction> a =
        kind.har
            ? HarForecaster.varianceFunctions(fitData)
            : GarchForecaster.varianceFunctions(fitData);
    Map<String, VarianceFunction> b =
        kind.har && kind.garch ? GarchForecaster.varianceFunctions(fitData) : a;
    Map<Integer, VarianceCombination> combination = new HashMap<>();
    for (int h : horizons) {
      combination.put(h, fitHorizon(data, a, b, h, calStartMs));
    }
    Map<Integer, VarianceCombination> fitted = Map.copyOf(combination);
    lastCombination = fitted;
    if (refitBases) {
      a =
          kind.har
              ? HarForecaster.varianceFunctions(data)
              : GarchForecaster.varianceFunctions(data);
      b = kind.har && kind.garch ? GarchForecaster.varianceFunctions(data) : a;
    }
    Map<String, VarianceFunction> functions = new HashMap<>();
    for (Map.Entry<String, VarianceFunction> e : a.entrySet()) {
      VarianceFunction fb = b.get(e.getKey());
      if (fb != null) {
        functions.put(e.getKey(), combined(e.getValue(), fb, fitted));
      }
    }
    return VarianceScaledModel.fit(kind.modelVersion, data, functions);
  }

  /** (w, c) of horizon h on the calibration rows, pooled over the assets with both forecasts. */
  private VarianceCombination fitHorizon(
      TrainingSet data,
      Map<String, VarianceFunction> a,
      Map<String, VarianceFunction> b,
      int h,
      long calStartMs) {
    List<double[]> rows = new ArrayList<>();
    for (TrainingSet.Asset asset : data.assets()) {
      VarianceFunction fa = a.get(asset.symbol());
      VarianceFunction fb = b.get(asset.symbol());
      if (fa == null || fb == null) {
        continue;
      }
      AssetHistory history = asset.history();
      HorizonTargets t = asset.targets(h);
      for (int row = history.series().indexAtOrAfter(calStartMs); row < t.size(); row++) {
        if (!allDefined(asset, data.spec().horizonsHours(), row)) {
          continue;
        }
        double va = fa.variance(history, row, h);
        double vb = fb == fa ? va : fb.variance(history, row, h);
        if (usable(va) && usable(vb)) {
          rows.add(new double[] {va, vb, t.realisedVariance(row)});
        }
      }
    }
    if (rows.size() < MIN_CALIBRATION_ROWS) {
      throw new IllegalArgumentException(
          name()
              + ": the calibration block has "
              + rows.size()
              + " rows with a defined "
              + h
              + " h forecast and target, needs "
              + MIN_CALIBRATION_ROWS);
    }
    double[] va = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] vb = rows.stream().mapToDouble(r -> r[1]).toArray();
    double[] rv = rows.stream().mapToDouble(r -> r[2]).toArray();
    return Double.isNaN(kind.fixedGarchWeight)
        ? VarianceCombination.fit(va, vb, rv)
        : VarianceCombination.fitLevel(va, vb, rv, kind.fixedGarchWeight);
  }

  /** The combined variance function of one asset: NaN where a component is undefined. */
  private static VarianceFunction combined(
      VarianceFunction fa, VarianceFunction fb, Map<Integer, VarianceCombination> combination) {
    return (history, row, h) -> {
      VarianceCombination c = combination.get(h);
      double va = fa.variance(history, row, h);
      double vb = fb == fa ? va : fb.variance(history, row, h);
      if (c == null || !usable(va) || !usable(vb)) {
        return Double.NaN;
      }
      return c.apply(va, vb);
    };
  }

  private static boolean usable(double variance) {
    return variance > 0 && Double.isFinite(variance);
  }

  /** Whether every horizon's target is defined at {@code row}: the ML model's usable rows. */
  private static boolean allDefined(TrainingSet.Asset asset, List<Integer> horizons, int row) {
    for (int h : horizons) {
      if (!asset.targets(h).isDefined(row)) {
        return false;
      }
    }
    return true;
  }

  /** The latest open time of a row whose targets of every horizon are defined, over all assets. */
  private static long lastUsableOpenTimeMs(TrainingSet data) {
    long last = Long.MIN_VALUE;
    for (TrainingSet.Asset asset : data.assets()) {
      int n = asset.history().size();
      for (int row = n - 1; row >= 0; row--) {
        if (allDefined(asset, data.spec().horizonsHours(), row)) {
          last = Math.max(last, asset.history().series().openTimeMs(row));
          break;
        }
      }
    }
    if (last == Long.MIN_VALUE) {
      throw new IllegalArgumentException("no training rows with every target defined");
    }
    return last;
  }
}
