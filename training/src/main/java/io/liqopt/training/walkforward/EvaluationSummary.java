package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.ClassificationScores;
import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.metrics.CoverageTests;
import io.liqopt.training.metrics.DieboldMarianoComparison;
import io.liqopt.training.metrics.MincerZarnowitzFit;
import io.liqopt.training.metrics.PinballLoss;
import io.liqopt.training.metrics.ReliabilityBin;
import io.liqopt.training.metrics.StressScores;
import io.liqopt.training.metrics.VarianceLoss;
import io.liqopt.training.metrics.VarianceScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the out-of-sample forecasts of an {@link EvaluationData}: per asset and horizon, pooled
 * over assets, and per fold. Every model is scored on the same rows (those every model forecast and
 * whose target is defined), so the models are comparable row for row.
 *
 * <p>Choices, each stated in the report:
 *
 * <ul>
 *   <li>variance: QLIKE and MSE of the forecast against the realised variance over the horizon;
 *       Mincer–Zarnowitz regression of realised on forecast with a Newey–West lag of H − 1;
 *   <li>quantiles: the pinball loss of the long adverse-move quantile at each evaluation level;
 *       exceedance tests (Kupiec, Christoffersen) on non-overlapping windows only (one phase: every
 *       H-th bar), since overlapping H-bar windows make exceedances dependent by construction; and,
 *       on every hour, the hit-rate test with a Newey–West standard error at lag 2H and Engle and
 *       Manganelli's DQ test with hit lags H..H+3 and its HAC form ({@link QuantileScoring});
 *   <li>per asset, each coverage test's p-values also Holm-adjusted across the assets, per model,
 *       level and test ({@link HolmAcrossAssets});
 *   <li>stress (stress horizon only): AUC, Brier score, and the Brier skill score against the
 *       climatology of the evaluation sample (the base rate an oracle of the frequency would
 *       quote);
 *   <li>Diebold–Mariano of each model's QLIKE losses against the reference model's and against
 *       GARCH's and HAR's, and of its 0.99 pinball losses against the reference's (negative: the
 *       model is better), with the rectangular long-run variance at lag H − 1 (Bartlett at lag 2H
 *       where that is not positive; each result names its kernel). Pooled, the test runs on the
 *       cross-sectional mean of the losses at each hour, so that a crash hitting every asset at
 *       once counts as one dependent event, not as independent evidence.
 *   <li>Pooled Kupiec/Christoffersen tests and pooled QLIKE/MZ concatenate the assets: the coverage
 *       tests then treat the assets as independent, which cross-asset clustering makes optimistic;
 *       the pooled hit-rate test runs on the share of assets hit at each hour instead. The
 *       per-asset rows are the ones to read for coverage.
 * </ul>
 */
public final class EvaluationSummary {

  /**
   * One model's scores on one sample. Levels are keyed by their decimal string ("0.99"). {@code
   * coverage} holds the Kupiec and Christoffersen tests on one phase (every H-th hour), {@code
   * allHoursCoverage} the tests on every hour, {@code holm} their p-values adjusted across assets
   * (empty in pooled cells).
   */
  public record ModelScores(
      String model,
      VarianceScores variance,
      MincerZarnowitzFit mincerZarnowitz,
      Map<String, Double> pinball,
      Map<String, CoverageTest> coverage,
      Map<String, AllHoursCoverage> allHoursCoverage,
      Map<String, HolmPValues> holm,
      StressScores stress,
      List<ReliabilityBin> reliability,
      DieboldMarianoComparison qlikeVsReference,
      Map<String, DieboldMarianoComparison> qlikeVsBaselines,
      DieboldMarianoComparison pinball99VsReference) {

    /** These scores with {@code holm} as the Holm-adjusted p-values. */
    public ModelScores withHolm(Map<String, HolmPValues> holm) {
      return new ModelScores(
          model,
          variance,
          mincerZarnowitz,
          pinball,
          coverage,
          allHoursCoverage,
          holm,
          stress,
          reliability,
          qlikeVsReference,
          qlikeVsBaselines,
          pinball99VsReference);
    }
  }

  /**
   * All models on one sample: one asset (or "pooled") and one horizon. {@code rowsWithoutForecast}
   * counts, per model, the test rows with a defined target that the model did not forecast (left
   * out of its fit, or refused); those rows are scored for no model.
   */
  public record Cell(
      String symbol,
      int horizonHours,
      int rows,
      List<ModelScores> models,
      Map<String, Integer> rowsWithoutForecast) {}

  /** Simple per-fold scores (means and counts) of one model, asset and horizon. */
  public record FoldScores(
      int fold,
      String symbol,
      int horizonHours,
      String model,
      int rows,
      double qlike,
      double mse,
      Map<String, Double> pinball,
      Map<String, Integer> exceedances,
      Double brier) {}

  /** The whole summary. */
  public record Summary(
      String referenceModel, List<Cell> pooled, List<Cell> perAsset, List<FoldScores> perFold) {}

  /** The classical variance models every other model is also compared with (QLIKE, DM). */
  public static final List<String> VARIANCE_BENCHMARKS = List.of("garch", "har");

  /** The symbol of pooled cells. */
  public static final String POOLED = "pooled";

  private EvaluationSummary() {}

  /** Scores {@code data}; {@code referenceModel} is the one Diebold–Mariano compares against. */
  public static Summary of(EvaluationData data, String referenceModel) {
    if (!data.models().contains(referenceModel)) {
      throw new IllegalArgumentException(
          "reference model " + referenceModel + " was not evaluated; models: " + data.models());
    }
    double[] levels = data.config().evaluationLevelsArray();
    double stressLevel = data.config().spec().stressLevel();
    int stressHorizon = data.config().spec().stressHorizonHours();
    List<Cell> pooled = new ArrayList<>();
    List<Cell> perAsset = new ArrayList<>();
    List<FoldScores> perFold = new ArrayList<>();
    for (int h : data.config().spec().horizonsHours()) {
      List<EvaluationSample> samples = new ArrayList<>();
      List<Cell> assetCells = new ArrayList<>();
      for (AssetEvaluation a : data.assets()) {
        EvaluationSample s =
            EvaluationSample.of(a, h, data.models(), levels, stressLevel, h == stressHorizon);
        samples.add(s);
        if (s.rows() > 0) {
          assetCells.add(cell(a.symbol(), h, s, data.models(), referenceModel, levels));
          perFold.addAll(foldScores(a.symbol(), h, s, data.models(), levels));
        }
      }
      perAsset.addAll(HolmAcrossAssets.adjust(assetCells));
      EvaluationSample all =
          EvaluationSample.concat(samples, data.models(), levels, h == stressHorizon);
      if (all.rows() > 0) {
        pooled.add(cell(POOLED, h, all, data.models(), referenceModel, levels));
      }
    }
    return new Summary(referenceModel, pooled, perAsset, perFold);
  }

  private static Cell cell(
      String symbol,
      int h,
      EvaluationSample s,
      List<String> models,
      String reference,
      double[] levels) {
    List<ModelScores> scores = new ArrayList<>();
    double[] refLoss =
        VarianceLoss.DEFAULT.qlikeLosses(s.realisedVariance, s.variance.get(reference));
    for (String m : models) {
      double[] var = s.variance.get(m);
      VarianceScores vs = VarianceLoss.DEFAULT.score(s.realisedVariance, var);
      MincerZarnowitzFit mz = SampleRegressions.mincerZarnowitz(s.realisedVariance, var, h - 1);
      QuantileScoring.Scores qs = QuantileScoring.score(s, m, h, levels, symbol.equals(POOLED));
      StressScores stress = null;
      List<ReliabilityBin> bins = null;
      if (s.stressProbability != null) {
        double[] p = s.stressProbability.get(m);
        stress = ClassificationScores.score(p, s.stress);
        bins = ClassificationScores.reliabilityBins(p, s.stress);
      }
      long[] times = symbol.equals(POOLED) ? s.time : null;
      double[] loss = VarianceLoss.DEFAULT.qlikeLosses(s.realisedVariance, var);
      DieboldMarianoComparison dm =
          m.equals(reference) ? null : SampleRegressions.dieboldMariano(loss, refLoss, h, times);
      Map<String, DieboldMarianoComparison> vsBaselines = new LinkedHashMap<>();
      for (String b : VARIANCE_BENCHMARKS) {
        if (!b.equals(m) && s.variance.containsKey(b)) {
          DieboldMarianoComparison c =
              SampleRegressions.dieboldMariano(
                  loss,
                  VarianceLoss.DEFAULT.qlikeLosses(s.realisedVariance, s.variance.get(b)),
                  h,
                  times);
          if (c != null) {
            vsBaselines.put(b, c);
          }
        }
      }
      DieboldMarianoComparison pinballDm = null;
      int k99 = -1;
      for (int k = 0; k < levels.length; k++) {
        k99 = levels[k] == 0.99 ? k : k99;
      }
      if (!m.equals(reference) && k99 >= 0) {
        pinballDm =
            SampleRegressions.dieboldMariano(
                PinballLoss.losses(s.realisedMove, s.quantiles.get(m)[k99], 0.99),
                PinballLoss.losses(s.realisedMove, s.quantiles.get(reference)[k99], 0.99),
                h,
                times);
      }
      scores.add(
          new ModelScores(
              m,
              vs,
              mz,
              qs.pinball(),
              qs.coverage(),
              qs.allHours(),
              Map.of(),
              stress,
              bins,
              dm,
              vsBaselines,
              pinballDm));
    }
    return new Cell(symbol, h, s.rows(), scores, s.withoutForecast);
  }

  private static List<FoldScores> foldScores(
      String symbol, int h, EvaluationSample s, List<String> models, double[] levels) {
    List<FoldScores> out = new ArrayList<>();
    int from = 0;
    while (from < s.rows()) {
      int to = from;
      while (to < s.rows() && s.fold[to] == s.fold[from]) {
        to++;
      }
      for (String m : models) {
        double[] rv = java.util.Arrays.copyOfRange(s.realisedVariance, from, to);
        double[] var = java.util.Arrays.copyOfRange(s.variance.get(m), from, to);
        double[] move = java.util.Arrays.copyOfRange(s.realisedMove, from, to);
        Map<String, Double> pinball = new LinkedHashMap<>();
        Map<String, Integer> exceed = new LinkedHashMap<>();
        for (int k = 0; k < levels.length; k++) {
          double[] q = java.util.Arrays.copyOfRange(s.quantiles.get(m)[k], from, to);
          pinball.put(key(levels[k]), PinballLoss.mean(move, q, levels[k]));
          int x = 0;
          for (boolean b : CoverageTests.exceedances(move, q)) {
            x += b ? 1 : 0;
          }
          exceed.put(key(levels[k]), x);
        }
        Double brier =
            s.stressProbability == null
                ? null
                : ClassificationScores.brier(
                    java.util.Arrays.copyOfRange(s.stressProbability.get(m), from, to),
                    java.util.Arrays.copyOfRange(s.stress, from, to));
        out.add(
            new FoldScores(
                s.fold[from],
                symbol,
                h,
                m,
                to - from,
                VarianceLoss.DEFAULT.qlike(rv, var),
                VarianceLoss.DEFAULT.mse(rv, var),
                pinball,
                exceed,
                brier));
      }
      from = to;
    }
    return out;
  }

  /** The decimal key of a level ("0.99"). */
  public static String key(double level) {
    return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
  }
}
