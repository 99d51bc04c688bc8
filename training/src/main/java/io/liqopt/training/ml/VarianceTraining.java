package io.liqopt.training.ml;

import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.ml.LinearBase;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.MlCalibration;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.gbm.GbmRegressor;
import io.liqopt.ml.gbm.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variance stage of {@link MlForecaster}, per horizon: the log-RV trees on a linear base, the
 * log-normal correction s² and the held-out standardised moves; then GARCH(1,1)-t per asset and the
 * variance combination. Collects its results for the calibration and the manifest; used once per
 * fit, in horizon order.
 */
final class VarianceTraining {
  final Map<Integer, GbmRegressor> trees = new LinkedHashMap<>();
  final Map<Integer, LinearBase> bases = new LinkedHashMap<>();
  final Map<Integer, LogVarianceModel> logVariance = new LinkedHashMap<>();
  final Map<Integer, Double> logResidualVariance = new LinkedHashMap<>();
  final Map<Integer, List<Double>> longZ = new LinkedHashMap<>();
  final Map<Integer, List<Double>> shortZ = new LinkedHashMap<>();

  /** m̂ on the calibration block, per horizon. */
  final Map<Integer, double[]> calLogVariance = new LinkedHashMap<>();

  /** The tree candidates per horizon, for the manifest. */
  final Map<Integer, List<Selection.Candidate>> candidates = new LinkedHashMap<>();

  final Map<Integer, VarianceCombination> combination = new LinkedHashMap<>();
  Map<String, GarchVariance> garch = Map.of();

  /**
   * Selects the trees of horizon {@code h} (index k): they learn the residual of a pooled linear
   * HAR-type base ({@link LinearBase}), since trees alone predict a constant outside the volatility
   * range they were trained on.
   */
  void fitTrees(
      TrainingBlocks b,
      int k,
      int h,
      double[][] xFit,
      double[][] xSel,
      List<String> names,
      List<GbmParams> grid,
      long seed) {
    int col = 3 * k;
    double[] yFit = b.logRv(b.fitRows, col);
    LinearBase base = LinearBase.fit(xFit, yFit, names, LinearBase.DEFAULT_COLUMNS);
    int[] at = base.bind(names);
    Selection<GbmRegressor> s =
        GbmRegressor.select(
            xFit,
            minus(yFit, base.predict(xFit, at)),
            xSel,
            minus(b.logRv(b.sel, col), base.predict(xSel, at)),
            names,
            grid,
            seed);
    candidates.put(h, s.candidates());
    trees.put(h, s.model());
    bases.put(h, base);
    logVariance.put(h, new LogVarianceModel(s.model(), base, names));
  }

  /**
   * Duan (1983, JASA 78) smearing of horizon {@code h}: E[RV | x] = exp(m̂) · mean(exp(residual))
   * on the calibration block, stored as s² = 2 ln mean(exp(r)) so that E = exp(m̂ + s²/2); then the
   * sorted standardised long and short moves of the held-out blocks.
   */
  void fitMoves(TrainingBlocks b, int k, int h, double[][] xCal, double[][] xHeld) {
    int col = 3 * k;
    LogVarianceModel model = logVariance.get(h);
    double[] yCal = b.logRv(b.cal, col);
    double[] pCal = model.predict(xCal);
    calLogVariance.put(h, pCal);
    double smear = 0;
    for (int i = 0; i < yCal.length; i++) {
      smear += Math.exp(yCal[i] - pCal[i]) / yCal.length;
    }
    double s2 = 2 * Math.log(smear);
    logResidualVariance.put(h, s2);
    List<Integer> heldOut = b.heldOut();
    double[] pHeld = model.predict(xHeld);
    double[] zl = new double[heldOut.size()];
    double[] zs = new double[heldOut.size()];
    for (int i = 0; i < heldOut.size(); i++) {
      double sigma = Math.sqrt(MlForecastModel.meanVariance(pHeld[i], s2));
      zl[i] = b.ys.get(heldOut.get(i))[col + 1] / sigma;
      zs[i] = b.ys.get(heldOut.get(i))[col + 2] / sigma;
    }
    Arrays.sort(zl);
    Arrays.sort(zs);
    longZ.put(h, MlCalibration.boxed(zl));
    shortZ.put(h, MlCalibration.boxed(zs));
  }

  /**
   * GARCH(1,1)-t per asset on the returns of the fit block, and per horizon the QLIKE-optimal
   * geometric combination with it, chosen on the calibration block where it has at least {@code
   * minRows} rows with both forecasts (measured on ../shared/data: pooled 24 h QLIKE 0.3603 for the
   * trees alone).
   */
  void fitCombination(TrainingSet data, TrainingBlocks b, List<Integer> horizons, int minRows) {
    garch = fitGarch(data, b.selStartMs - b.embargoMs);
    for (int k = 0; k < horizons.size(); k++) {
      int h = horizons.get(k);
      double[] pCal = calLogVariance.get(h);
      List<double[]> triples = new ArrayList<>();
      for (int i = 0; i < b.cal.size(); i++) {
        int[] w = b.where.get(b.cal.get(i));
        TrainingSet.Asset a = data.assets().get(w[0]);
        GarchVariance g = garch.get(a.symbol());
        double vg = g == null ? Double.NaN : g.variance(a.history(), w[1], h);
        if (vg > 0 && Double.isFinite(vg)) {
          triples.add(
              new double[] {
                MlForecastModel.meanVariance(pCal[i], logResidualVariance.get(h)),
                vg,
                b.ys.get(b.cal.get(i))[3 * k]
              });
        }
      }
      if (triples.size() >= minRows) {
        combination.put(
            h,
            VarianceCombination.fit(
                triples.stream().mapToDouble(t -> t[0]).toArray(),
                triples.stream().mapToDouble(t -> t[1]).toArray(),
                triples.stream().mapToDouble(t -> t[2]).toArray()));
      }
    }
  }

  /**
   * GARCH(1,1)-t of each asset on its returns before {@code endMs}; an asset with too few returns,
   * or whose fit fails, has none (its variance is the trees' alone). Assets are fitted in parallel;
   * each fit is deterministic, so the result does not depend on scheduling.
   */
  private static Map<String, GarchVariance> fitGarch(TrainingSet data, long endMs) {
    Map<String, GarchVariance> out = new java.util.concurrent.ConcurrentHashMap<>();
    data.assets().parallelStream()
        .forEach(
            a -> {
              int last = a.history().series().indexAtOrAfter(endMs) - 1;
              try {
                out.put(a.symbol(), GarchVariance.fit(a.history(), last));
              } catch (IllegalArgumentException | IllegalStateException e) {
                // too little history, or the optimiser failed: this asset goes without
              }
            });
    return new java.util.TreeMap<>(out);
  }

  static double[] minus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }
}
