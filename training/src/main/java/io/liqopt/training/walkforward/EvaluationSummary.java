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
 *       on every hour, the hit-rate test with a Newey–West standard error at lag 2H, DQ by phase
 *       (Monte Carlo p-values per phase, Cauchy-combined; valid under overlap) and Engle and
 *       Manganelli's DQ test with hit lags H..H+3 and its HAC form (asymptotic, not valid under
 *       overlap) ({@link QuantileScoring});
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
   * out of its fit, or refused); those rows are scored for no model. {@code varianceRowsScored} of
   * the {@code rows} enter the variance scores; the other {@code varianceRowsExcluded} have a
   * realised variance below the {@link VarianceLoss} floor (flat hours) and are left out of them.
   */
  public record Cell(
      String symbol,
      int horizonHours,
      int rows,
      int varianceRowsScored,
      int varianceRowsExcluded,
      List<ModelScores> models,
      Map<String, Integer> rowsWithoutForecast) {}

  /**
   * Simple per-fold scores (means and counts) of one model, asset and horizon; QLIKE and MSE on the
   * fold's rows above the variance floor (null when there are none).
   */
  public record FoldScores(
      int fold,
      String symbol,
      int horizonHours,
      String model,
      int rows,
      Double qlike,
      Double mse,
      Map<String, Double> pinball,
      Map<String, Integer> exceedances,
      Double brier) {}

  /** The whole summary. */
  public record Summary(
      String referenceModel,
      List<Cell> pooled,
      List<Cell> perAsset,
      List<FoldScores> perFold,
      ScoreIntervals.Result intervals) {}

  /** The classical variance models every other model is also compared with (QLIKE, DM). */
  public static final List<String> VARIANCE_BENCHMARKS = List.of("garch", "har");

  /** The symbol of pooled cells. */
  public static final String POOLED = "pooled";

  private EvaluationSummary() {}

  /** Scores {@code data}; {@code referenceModel} is the one Diebold–Mariano compares against. */
  public static Summary of(EvaluationData data, String referenceModel) {
    return of(data, referenceModel, ScoreIntervals.Settings.DEFAULT);
  }

  /** {@link #of(EvaluationData, String)} with the bootstrap drawn as {@code bootstrap} says. */
  public static Summary of(
      EvaluationData data, String referenceModel, ScoreIntervals.Settings bootstrap) {
    double[] levels = data.config().evaluationLevelsArray();
    double stressLevel = data.config().spec().stressLevel();
    int stressHorizon = data.config().spec().stressHorizonHours();
    Map<Integer, List<EvaluationSample>> byHorizon = new LinkedHashMap<>();
    for (int h : data.config().spec().horizonsHours()) {
      List<EvaluationSample> samples = new ArrayList<>();
      for (AssetEvaluation a : data.assets()) {
        samples.add(
            EvaluationSample.of(a, h, data.models(), levels, stressLevel, h == stressHorizon));
      }
      byHorizon.put(h, samples);
    }
    return of(byHorizon, data.models(), levels, stressHorizon, referenceModel, bootstrap);
  }

  /** Scores the per-asset samples of each horizon (from a run, or read back from its file). */
  static Summary of(
      Map<Integer, List<EvaluationSample>> byHorizon,
      List<String> models,
      double[] levels,
      int stressHorizon,
      String referenceModel,
      ScoreIntervals.Settings bootstrap) {
    if (!models.contains(referenceModel)) {
      throw new IllegalArgumentException(
          "reference model " + referenceModel + " was not evaluated; models: " + models);
    }
    List<Cell> pooled = new ArrayList<>();
    List<Cell> perAsset = new ArrayList<>();
    List<FoldScores> perFold = new ArrayList<>();
    List<ScoreIntervals.HorizonIntervals> intervals = new ArrayList<>();
    for (Map.Entry<Integer, List<EvaluationSample>> e : byHorizon.entrySet()) {
      int h = e.getKey();
      EvaluationSample all =
          EvaluationSample.concat(e.getValue(), models, levels, h == stressHorizon);
      if (all.rows() == 0) {
        continue;
      }
      String best = bestBaseline(all, models);
      List<String> benchmarks = new ArrayList<>(VARIANCE_BENCHMARKS);
      if (best != null && !benchmarks.contains(best)) {
        benchmarks.add(best);
      }
      List<Cell> assetCells = new ArrayList<>();
      List<EvaluationSample> scored = new ArrayList<>();
      for (EvaluationSample s : e.getValue()) {
        if (s.rows() > 0) {
          scored.add(s);
          assetCells.add(cell(s.symbol, h, s, models, referenceModel, levels, benchmarks));
          perFold.addAll(foldScores(s.symbol, h, s, models, levels));
        }
      }
      perAsset.addAll(HolmAcrossAssets.adjust(assetCells));
      pooled.add(cell(POOLED, h, all, models, referenceModel, levels, benchmarks));
      intervals.add(ScoreIntervals.of(h, all, scored, models, referenceModel, best, bootstrap));
    }
    return new Summary(
        referenceModel, pooled, perAsset, perFold, ScoreIntervals.Result.of(bootstrap, intervals));
  }

  /**
   * The non-ML model (name not starting with "ml") with the lowest QLIKE on the rows of {@code all}
   * that QLIKE scores; null when every model is ML or no row is scored.
   */
  static String bestBaseline(EvaluationSample all, List<String> models) {
    int[] rows = all.varianceRows(VarianceLoss.DEFAULT.realisedVarianceFloor());
    if (rows.length == 0) {
      return null;
    }
    double[] rv = EvaluationSample.select(all.realisedVariance, rows);
    String best = null;
    double bestQlike = Double.POSITIVE_INFINITY;
    for (String m : models) {
      if (!ScoreIntervals.isMl(m)) {
        double q =
            VarianceLoss.DEFAULT.qlike(rv, EvaluationSample.select(all.variance.get(m), rows));
        if (q < bestQlike) {
          best = m;
          bestQlike = q;
        }
      }
    }
    return best;
  }

  private static Cell cell(
      String symbol,
      int h,
      EvaluationSample s,
      List<String> models,
      String reference,
      double[] levels,
      List<String> benchmarks) {
    List<ModelScores> scores = new ArrayList<>();
    int[] rows = s.varianceRows(VarianceLoss.DEFAULT.realisedVarianceFloor());
    double[] rv = EvaluationSample.select(s.realisedVariance, rows);
    double[] refLoss = qlikeLosses(rv, s.variance.get(reference), rows);
    long[] times = symbol.equals(POOLED) ? EvaluationSample.select(s.time, rows) : null;
    for (String m : models) {
      double[] var = EvaluationSample.select(s.variance.get(m), rows);
      VarianceScores vs = rows.length == 0 ? null : VarianceLoss.DEFAULT.score(rv, var);
      MincerZarnowitzFit mz =
          rows.length == 0 ? null : SampleRegressions.mincerZarnowitz(rv, var, h - 1);
      QuantileScoring.Scores qs = QuantileScoring.score(s, m, h, levels, symbol.equals(POOLED));
      StressScores stress = null;
      List<ReliabilityBin> bins = null;
      if (s.stressProbability != null) {
        double[] p = s.stressProbability.get(m);
        stress = ClassificationScores.score(p, s.stress);
        bins = ClassificationScores.reliabilityBins(p, s.stress);
      }
      double[] loss = qlikeLosses(rv, s.variance.get(m), rows);
      DieboldMarianoComparison dm =
          m.equals(reference) || rows.length == 0
              ? null
              : SampleRegressions.dieboldMariano(loss, refLoss, h, times);
      Map<String, DieboldMarianoComparison> vsBaselines = new LinkedHashMap<>();
      for (String b : benchmarks) {
        if (!b.equals(m) && s.variance.containsKey(b) && rows.length > 0) {
          DieboldMarianoComparison c =
              SampleRegressions.dieboldMariano(
                  loss, qlikeLosses(rv, s.variance.get(b), rows), h, times);
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
    return new Cell(
        symbol, h, s.rows(), rows.length, s.rows() - rows.length, scores, s.withoutForecast);
  }

  /** The QLIKE losses at {@code rows} (empty when no row is scored). */
  private static double[] qlikeLosses(double[] rv, double[] forecast, int[] rows) {
    return rows.length == 0
        ? new double[0]
        : VarianceLoss.DEFAULT.qlikeLosses(rv, EvaluationSample.select(forecast, rows));
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
        int[] scored = foldVarianceRows(s, from, to);
        double[] rv = EvaluationSample.select(s.realisedVariance, scored);
        double[] var = EvaluationSample.select(s.variance.get(m), scored);
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
                scored.length == 0 ? null : VarianceLoss.DEFAULT.qlike(rv, var),
                scored.length == 0 ? null : VarianceLoss.DEFAULT.mse(rv, var),
                pinball,
                exceed,
                brier));
      }
      from = to;
    }
    return out;
  }

  /** The rows of [from, to) whose realised variance the variance scores use. */
  private static int[] foldVarianceRows(EvaluationSample s, int from, int to) {
    double floor = VarianceLoss.DEFAULT.realisedVarianceFloor();
    return java.util.stream.IntStream.range(from, to)
        .filter(i -> s.realisedVariance[i] >= floor)
        .toArray();
  }

  /** The decimal key of a level ("0.99"). */
  public static String key(double level) {
    return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
  }
}
