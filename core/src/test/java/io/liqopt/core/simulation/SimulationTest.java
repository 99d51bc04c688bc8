package io.liqopt.core.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The path engine and the threshold calibration: cross-checks against the analytic threshold,
 * monotonicity in latency and liquidity, determinism, and coverage of a known process.
 */
class SimulationTest {
  private static final long T0 = 1_600_000_000_000L / 3_600_000L * 3_600_000L;

  /**
   * A Gaussian random walk with hourly σ, lows a Brownian-bridge-like dip below min(open, close).
   */
  static BarSeries randomWalk(String symbol, int n, double sigma, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, BarInterval.H1, n);
    double p = 100;
    for (int i = 0; i < n; i++) {
      double next = p * Math.exp(sigma * gaussian(rng));
      double low = Math.min(p, next) * Math.exp(-Math.abs(0.3 * sigma * gaussian(rng)));
      double high = Math.max(p, next);
      b.append(T0 + i * 3_600_000L, p, high, low, next, 10, 1000 * next);
      p = next;
    }
    return b.build();
  }

  static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
        * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Test
  void paths_sameSeedSamePaths_lowsNeverAboveClose_scaleLinearInVolatility() {
    Residuals r = Residuals.of(List.of(randomWalk("AUSDT", 3000, 0.01, 1)));
    Paths a = PathEngine.simulate(r, new double[] {0.01}, 5000, 24, 24, 7);
    Paths b = PathEngine.simulate(r, new double[] {0.01}, 5000, 24, 24, 7);
    Paths c = PathEngine.simulate(r, new double[] {0.02}, 5000, 24, 24, 7);
    assertArrayEquals(a.copyLogClose(0), b.copyLogClose(0));
    for (int p = 0; p < a.paths(); p++) {
      for (int h = 0; h < a.hours(); h++) {
        assertTrue(a.logLow(0, p, h) <= a.logClose(0, p, h) + 1e-15);
        assertEquals(2 * a.logClose(0, p, h), c.logClose(0, p, h), 1e-12);
      }
    }
  }

  @Test
  void calibrate_noLatencyNoImpact_equalsAnalyticFromTheSamePaths() {
    Residuals r = Residuals.of(List.of(randomWalk("AUSDT", 5000, 0.01, 2)));
    Paths paths = PathEngine.simulate(r, new double[] {0.008}, 100_000, 24, 24, 3);
    for (double eps : new double[] {0.001, 0.01, 0.05}) {
      ThresholdCalibrator.Liquidation liq =
          new ThresholdCalibrator.Liquidation(0, 24, 0.05, 0, 100_000);
      ThresholdCalibrator.Calibration c = ThresholdCalibrator.calibrate(paths, 0, liq, eps);
      // LT* = (1 − X_{1−ε})/(1 + b), X the paths' own adverse-move quantile over 24 h
      assertEquals(c.analyticLt(), c.lt(), 1e-9, "ε = " + eps);
      assertTrue(c.probability() <= eps, "P(LT*) ≤ ε");
      assertTrue(c.wilsonLow() <= c.probability() && c.probability() <= c.wilsonHigh());
    }
  }

  @Test
  void calibrate_moreLatencyOrLessLiquidity_lowerThreshold() {
    Residuals r = Residuals.of(List.of(randomWalk("AUSDT", 5000, 0.01, 4)));
    Paths paths = PathEngine.simulate(r, new double[] {0.01}, 50_000, 48, 24, 5);
    double base =
        ThresholdCalibrator.calibrate(
                paths, 0, new ThresholdCalibrator.Liquidation(1, 6, 0.05, 1e-5, 100_000), 0.01)
            .lt();
    double slow =
        ThresholdCalibrator.calibrate(
                paths, 0, new ThresholdCalibrator.Liquidation(12, 6, 0.05, 1e-5, 100_000), 0.01)
            .lt();
    double thin =
        ThresholdCalibrator.calibrate(
                paths, 0, new ThresholdCalibrator.Liquidation(1, 6, 0.05, 1e-4, 100_000), 0.01)
            .lt();
    assertTrue(slow < base, slow + " < " + base);
    assertTrue(thin < base, thin + " < " + base);
    // and P_insolvency is monotone in LT on common random numbers
    double[] m = ThresholdCalibrator.sortedMinLogLow(paths, 0, 7);
    ThresholdCalibrator.Liquidation liq =
        new ThresholdCalibrator.Liquidation(1, 6, 0.05, 1e-5, 100_000);
    double prev = -1;
    for (double lt = 0.5; lt < 0.99; lt += 0.01) {
      double p = ThresholdCalibrator.insolvencyProbability(m, liq, lt);
      assertTrue(p >= prev);
      prev = p;
    }
  }

  @Test
  void calibrate_knownProcess_estimateCoversTheTrueThreshold() {
    // the truth: 400 000 direct paths of the same Gaussian process (close-to-close only)
    double sigma = 0.01;
    int hours = 24;
    double eps = 0.01;
    double b = 0.05;
    SplittableRandom rng = new SplittableRandom(11);
    double[] trueMin = new double[400_000];
    for (int p = 0; p < trueMin.length; p++) {
      double level = 0;
      double min = 0;
      for (int h = 0; h < hours; h++) {
        level += sigma * gaussian(rng);
        min = Math.min(min, level);
      }
      trueMin[p] = min;
    }
    java.util.Arrays.sort(trueMin);
    double trueLt = Math.exp(trueMin[(int) (eps * trueMin.length)]) / (1 + b);
    // FHS from a year of that process, lows at the close (the process has no intrabar dip)
    BarSeriesBuilder bld = new BarSeriesBuilder("KUSDT", BarInterval.H1, 9000);
    SplittableRandom g = new SplittableRandom(12);
    double px = 100;
    for (int i = 0; i < 9000; i++) {
      double next = px * Math.exp(sigma * gaussian(g));
      bld.append(T0 + i * 3_600_000L, px, Math.max(px, next), Math.min(px, next), next, 1, 1);
      px = next;
    }
    Residuals r = Residuals.of(List.of(bld.build()));
    ThresholdCalibrator.Calibration c =
        ThresholdCalibrator.calibrate(
            n -> PathEngine.simulate(r, new double[] {sigma}, n, hours, 24, 13),
            0,
            new ThresholdCalibrator.Liquidation(0, hours, b, 0, 100_000),
            eps,
            50_000,
            400_000,
            0.1);
    // the truth's insolvency probability at the estimate lies in the estimate's interval, within
    // the sampling and residual-standardisation error
    double pTrueAtEstimate =
        (double) ThresholdCalibrator.countBelow(trueMin, Math.log(c.lt() * (1 + b)))
            / trueMin.length;
    assertEquals(trueLt, c.lt(), 0.01, "LT* within 1 point of the truth");
    assertTrue(Math.abs(pTrueAtEstimate - eps) < 0.004, "true P at LT* = " + pTrueAtEstimate);
  }

  @Test
  void replay_historicalWindows_andJointDrawsKeepAssetsTogether() {
    BarSeries a = randomWalk("AUSDT", 2000, 0.01, 21);
    Residuals r = Residuals.of(List.of(a, a));
    Paths joint = PathEngine.simulate(r, new double[] {0.01, 0.01}, 1000, 24, 24, 1);
    // the same series twice: the joint draw gives identical paths for both
    assertArrayEquals(joint.copyLogClose(0), joint.copyLogClose(1));
    Paths hist = PathEngine.replay(r, 24, 24);
    assertTrue(hist.paths() > 50);
    // a replayed window's close is the real log return over it
    int s = java.util.Arrays.binarySearch(a.openTimesMs(), hist.startTimeMs(0));
    assertEquals(Math.log(a.close(s + 23) / a.close(s - 1)), hist.logClose(0, 0, 23), 1e-9);
  }

  @Test
  void portfolioStress_byHand_onTwoPaths() {
    // two hand-made one-hour paths of one asset: flat, and a 30 % fall
    Paths paths =
        Paths.copyOf(
            List.of("AUSDT"),
            2,
            1,
            new double[][] {{0, Math.log(0.7)}},
            new double[][] {{0, Math.log(0.7)}},
            new long[] {T0, T0 + 3_600_000L});
    List<PortfolioStress.Holding> h =
        List.of(new PortfolioStress.Holding("AUSDT", 10, 100, 0.8, 0.01));
    PortfolioStress.Result r = PortfolioStress.of(h, 750, paths, paths, new double[] {0.5});
    assertEquals(800.0 / 750, r.healthFactorNow(), 1e-12);
    assertEquals(0.5, r.liquidatableProbability()); // HF 560/750 < 1 on the fall
    assertEquals(0.5, r.insolvencyProbability()); // 700·0.99 = 693 < 750
    assertEquals(750 - 693, r.worstHistoricalShortfall(), 1e-9);
    assertEquals(T0 + 3_600_000L, r.worstHistoricalStartMs());
    assertEquals(560.0 / 750, r.worstHistoricalMinHealthFactor(), 1e-12);
  }

  @Test
  void residuals_afterAGap_filterWarmsUpAgain_noHundredSigmaMoves() {
    // SOLUSDT on 2021-04-20 in ../shared/data: two missing hours, then a quiet hour, then a −6 %
    // low; a filter restarted from the quiet hour alone would call that low −180 σ
    BarSeries a = randomWalk("AUSDT", 2000, 0.01, 41);
    BarSeriesBuilder b = new BarSeriesBuilder("AUSDT", BarInterval.H1, 2100);
    long gap = 2 * 3_600_000L;
    for (int i = 0; i < 500; i++) {
      b.append(a.openTimeMs(i), a.open(i), a.high(i), a.low(i), a.close(i), 10, 1000);
    }
    double p = a.close(499);
    // bar 500 opens after the gap (its return spans the gap and is skipped), 501 is quiet
    b.append(a.openTimeMs(500) + gap, p, p * 1.001, p * 0.999, p, 10, 1000);
    b.append(a.openTimeMs(501) + gap, p, p * 1.0003, p, p * 1.0003, 10, 1000);
    double q = p * 1.0003;
    b.append(a.openTimeMs(502) + gap, q, q, q * 0.94, q * 0.97, 10, 1000);
    double shift = q * 0.97 / a.close(502);
    for (int j = 503; j < a.size(); j++) {
      b.append(
          a.openTimeMs(j) + gap,
          a.open(j) * shift,
          a.high(j) * shift,
          a.low(j) * shift,
          a.close(j) * shift,
          10,
          1000);
    }
    Residuals r = Residuals.of(List.of(b.build()));
    for (int t = 0; t < r.size(); t++) {
      assertTrue(r.low(0, t) > -30, "a standardised low of " + r.low(0, t));
    }
  }

  @Test
  void wilson_knownValue() {
    // 10 of 100: Wilson 95 % interval (5.52 %, 17.44 %) (Newcombe 1998, Stat. Med. 17, table I)
    double[] w = ThresholdCalibrator.wilson(0.1, 100);
    assertEquals(0.0552, w[0], 5e-5);
    assertEquals(0.1744, w[1], 5e-5);
  }

  @Test
  void portfolioRun_sameAsItsSteps_andRefusesAMissingVolatility() {
    Residuals r =
        Residuals.of(
            List.of(randomWalk("AUSDT", 3000, 0.01, 7), randomWalk("BUSDT", 3000, 0.02, 8)));
    List<PortfolioStress.Holding> h =
        List.of(
            new PortfolioStress.Holding("BUSDT", 2, 50, 0.8, 0.001),
            new PortfolioStress.Holding("AUSDT", 10, 100, 0.85, 0.002));
    double[] levels = {0.99};
    PortfolioStress.Run run =
        PortfolioStress.run(
            h,
            900,
            r,
            java.util.Map.of("AUSDT", 0.01, "BUSDT", 0.02),
            new PortfolioStress.Design(500, 24, 24, 3, 6),
            levels);
    Paths sim = PathEngine.simulate(r, new double[] {0.01, 0.02}, 500, 24, 24, 3);
    Paths hist = PathEngine.replay(r, 24, 6);
    PortfolioStress.Result direct = PortfolioStress.of(h, 900, sim, hist, levels);
    assertEquals(direct.liquidatableProbability(), run.result().liquidatableProbability());
    assertEquals(direct.minHealthFactorQuantiles(), run.result().minHealthFactorQuantiles());
    assertEquals(direct.worstHistoricalStartMs(), run.result().worstHistoricalStartMs());
    assertEquals(hist.paths(), run.historical().paths());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            PortfolioStress.run(
                h,
                900,
                r,
                java.util.Map.of("AUSDT", 0.01),
                new PortfolioStress.Design(500, 24, 24, 3, 6),
                levels));
  }

  @Test
  void portfolioRunLean_equalsRun_bitForBit_acrossChunks() {
    Residuals r =
        Residuals.of(
            List.of(randomWalk("AUSDT", 3000, 0.01, 9), randomWalk("BUSDT", 3000, 0.03, 10)));
    java.util.Map<String, Double> vol = java.util.Map.of("AUSDT", 0.012, "BUSDT", 0.025);
    double[] levels = {0.95, 0.99};
    org.quicktheories.QuickTheory.qt()
        .withFixedSeed(17)
        .withExamples(12)
        .forAll(
            org.quicktheories.generators.SourceDSL.integers().between(1, 9_000),
            org.quicktheories.generators.SourceDSL.integers().between(1, 48),
            org.quicktheories.generators.SourceDSL.longs().between(0, 1_000),
            org.quicktheories.generators.SourceDSL.doubles().between(0.2, 20))
        .checkAssert(
            (paths, hours, seed, qa) -> {
              List<PortfolioStress.Holding> h =
                  List.of(
                      new PortfolioStress.Holding("AUSDT", qa, 100, 0.85, 0.002),
                      new PortfolioStress.Holding("BUSDT", 3, 40, 0.7, 0.01));
              PortfolioStress.Design d = new PortfolioStress.Design(paths, hours, 24, seed, 6);
              PortfolioStress.Run full = PortfolioStress.run(h, 600, r, vol, d, levels);
              PortfolioStress.Run lean = PortfolioStress.runLean(h, 600, r, vol, d, levels);
              assertEquals(full.result(), lean.result());
              assertEquals(null, lean.simulated());
            });
  }

  /**
   * Blocks of chunks evaluated apart, shuffled and sent through Java serialisation as a cluster's
   * tasks would be, and put back in order: the stress of one run, bit for bit, and the sample of
   * paths kept is the run's first chunk.
   */
  @Test
  void portfolioBlocks_evaluatedApart_equalRun_bitForBit() {
    Residuals r =
        Residuals.of(
            List.of(randomWalk("AUSDT", 3000, 0.01, 11), randomWalk("BUSDT", 3000, 0.03, 12)));
    java.util.Map<String, Double> vol = java.util.Map.of("AUSDT", 0.012, "BUSDT", 0.025);
    double[] levels = {0.95, 0.99};
    org.quicktheories.QuickTheory.qt()
        .withFixedSeed(23)
        .withExamples(8)
        .forAll(
            org.quicktheories.generators.SourceDSL.integers().between(1, 14_000),
            org.quicktheories.generators.SourceDSL.integers().between(1, 3),
            org.quicktheories.generators.SourceDSL.longs().between(0, 1_000))
        .checkAssert(
            (paths, blockChunks, seed) -> {
              List<PortfolioStress.Holding> h =
                  List.of(
                      new PortfolioStress.Holding("AUSDT", 4, 100, 0.85, 0.002),
                      new PortfolioStress.Holding("BUSDT", 3, 40, 0.7, 0.01));
              PortfolioStress.Design d = new PortfolioStress.Design(paths, 24, 24, seed, 6);
              PortfolioStress.Run full = PortfolioStress.run(h, 600, r, vol, d, levels);
              PortfolioStress.Run apart =
                  PortfolioBlocks.run(
                      h,
                      600,
                      r,
                      vol,
                      d,
                      levels,
                      blockChunks,
                      blocks -> {
                        List<Integer> order =
                            new java.util.ArrayList<>(
                                java.util.stream.IntStream.range(0, blocks.size())
                                    .boxed()
                                    .toList());
                        java.util.Collections.shuffle(order, new java.util.Random(seed));
                        double[][][] out = new double[blocks.size()][][];
                        for (int b : order) {
                          out[b] =
                              io.liqopt.core.JavaSerialisation.roundTrip(blocks.get(b)).evaluate();
                        }
                        return List.of(out);
                      });
              assertEquals(full.result(), apart.result());
              int sample = Math.min(paths, PathEngine.CHUNK);
              assertEquals(sample, apart.simulated().paths());
              assertEquals(
                  full.simulated().logLow(1, sample - 1, 23),
                  apart.simulated().logLow(1, sample - 1, 23));
            });
  }
}
