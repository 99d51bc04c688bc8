package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.training.metrics.ClassificationScores;
import io.liqopt.training.metrics.VarianceLoss;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The evaluation's bootstrap intervals, weighted AUC and the zero-RV exclusion. */
class ScoreIntervalsTest {
  private static final double TOLERANCE = 1e-12;
  private static final long HOUR_MS = 3_600_000L;

  /** A model whose loss is 1.5 × the reference's on every day: the ratio is 0.5 in every draw. */
  @Test
  void ratio_constantRatio_zeroWidthInterval() {
    double[] den = new SplittableRandom(3).doubles(201, 1, 2).toArray();
    double[] num = Arrays.stream(den).map(d -> 1.5 * d).toArray();
    Interval i = ScoreIntervals.ratio(num, den);
    assertEquals(0.5, i.estimate(), TOLERANCE);
    assertEquals(0.5, i.lower(), TOLERANCE);
    assertEquals(0.5, i.upper(), TOLERANCE);
    assertEquals(200, i.resamples());
  }

  /**
   * Scores 0.1, 0.3, 0.35, 0.8 with outcomes no, yes, no, yes; rows 0-1 on day 0, rows 2-3 on day
   * 1. Each day once: of the 4 event/non-event pairs, 0.3 loses to 0.35, so 3/4. Day 0 twice: the
   * pairs weigh 2×2 (won) + 2×1 (lost) + 1×2 (won) + 1×1 (won) = 7 of 9.
   */
  @Test
  void weightedAuc_tinySample_byHand() {
    double[] score = {0.1, 0.3, 0.35, 0.8};
    boolean[] outcome = {false, true, false, true};
    int[] rowDay = {0, 0, 1, 1};
    int[] order = ScoreIntervals.sortedOrder(score);
    boolean[] tie = new boolean[4];
    assertEquals(0.75, ScoreIntervals.weightedAuc(order, tie, outcome, rowDay, new int[] {1, 1}));
    assertEquals(
        7.0 / 9, ScoreIntervals.weightedAuc(order, tie, outcome, rowDay, new int[] {2, 1}), 1e-15);
    assertEquals(1.0, ScoreIntervals.weightedAuc(order, tie, outcome, rowDay, new int[] {0, 1}));
  }

  /** With every day once, the weighted AUC is the Mann–Whitney AUC (ties included). */
  @Test
  void weightedAuc_unitWeights_equalsClassificationScores() {
    qt().withExamples(200)
        .withFixedSeed(5L)
        .forAll(longs().all(), integers().between(2, 80))
        .checkAssert(
            (seed, n) -> {
              SplittableRandom rng = new SplittableRandom(seed);
              double[] score = new double[n];
              boolean[] outcome = new boolean[n];
              for (int i = 0; i < n; i++) {
                score[i] = rng.nextInt(6) / 5.0; // ties on purpose
                outcome[i] = rng.nextInt(3) == 0;
              }
              outcome[0] = true;
              outcome[1] = false;
              int[] order = ScoreIntervals.sortedOrder(score);
              boolean[] tie = new boolean[n];
              for (int k = 0; k + 1 < n; k++) {
                tie[k] = score[order[k]] == score[order[k + 1]];
              }
              double w = ScoreIntervals.weightedAuc(order, tie, outcome, new int[n], new int[] {1});
              assertEquals(ClassificationScores.auc(score, outcome).getAsDouble(), w, 1e-12);
            });
  }

  /**
   * Flat hours (realised variance 0) are left out of QLIKE and counted; the models' QLIKE is their
   * QLIKE on the other rows; the same settings give the same intervals (seed reproducibility).
   */
  @Test
  void summary_zeroRealisedVariance_leftOutAndCounted_intervalsReproducible() {
    EvaluationSample s = sample(24 * 60, 7);
    ScoreIntervals.Settings settings = new ScoreIntervals.Settings(5, 300, 9);
    EvaluationSummary.Summary a = summary(s, settings);
    EvaluationSummary.Cell cell = a.pooled().get(0);
    double floor = VarianceLoss.DEFAULT.realisedVarianceFloor();
    int zeros = (int) Arrays.stream(s.realisedVariance).filter(v -> v < floor).count();
    assertTrue(zeros >= 24 * 60 / 50, "every 50th hour is flat, and a few nearly");
    assertEquals(zeros, cell.varianceRowsExcluded());
    assertEquals(s.rows() - zeros, cell.varianceRowsScored());
    int[] rows = s.varianceRows(VarianceLoss.DEFAULT.realisedVarianceFloor());
    double expected =
        VarianceLoss.DEFAULT.qlike(
            EvaluationSample.select(s.realisedVariance, rows),
            EvaluationSample.select(s.variance.get("b"), rows));
    assertEquals(expected, cell.models().get(1).variance().qlike(), TOLERANCE);
    assertEquals(0, cell.models().get(1).variance().realisedFloored());
    ScoreIntervals.HorizonIntervals h = a.intervals().horizons().get(0);
    assertEquals("a", h.bestBaseline());
    ScoreIntervals.ModelIntervals b = h.cells().get(0).models().get(1);
    assertNull(h.cells().get(0).models().get(0).qlikeRatioVsReference());
    double ratio = expected / cell.models().get(0).variance().qlike() - 1;
    assertEquals(ratio, b.qlikeRatioVsReference().estimate(), 1e-9);
    assertEquals(
        b, summary(s, settings).intervals().horizons().get(0).cells().get(0).models().get(1));
    assertEquals(300, a.intervals().resamples());
  }

  private static EvaluationSummary.Summary summary(
      EvaluationSample s, ScoreIntervals.Settings settings) {
    return EvaluationSummary.of(
        Map.of(1, List.of(s)), List.of("a", "b"), new double[] {0.99}, 24, "a", settings);
  }

  /** Model a forecasts the true variance, b twice it; every 50th hour is flat. */
  private static EvaluationSample sample(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    EvaluationSample s = EvaluationSample.allocate(n, List.of("a", "b"), 1, false);
    s.symbol = "XUSDT";
    s.withoutForecast.put("a", 0);
    s.withoutForecast.put("b", 0);
    for (int i = 0; i < n; i++) {
      double sigma2 = 1e-5 * (1 + 0.5 * Math.sin(i / 100.0));
      double z = rng.nextGaussian();
      s.realisedVariance[i] = i % 50 == 0 ? 0 : sigma2 * z * z;
      s.realisedMove[i] = Math.abs(z) * Math.sqrt(sigma2);
      s.time[i] = 1_704_067_200_000L + i * HOUR_MS;
      s.seriesRow[i] = i;
      s.fold[i] = i / (24 * 30);
      s.variance.get("a")[i] = sigma2;
      s.variance.get("b")[i] = 2 * sigma2;
      s.quantiles.get("a")[0][i] = 2.6 * Math.sqrt(sigma2);
      s.quantiles.get("b")[0][i] = 2.6 * Math.sqrt(2 * sigma2);
    }
    return s;
  }
}
