package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.stats.DayBlockBootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The day-block bootstrap: block sums, the estimates, pairing and the frontier rule. */
class BootstrapTest {
  private static final long DAY_MS = 86_400_000L;
  private static final double TOLERANCE = 1e-12;

  /** Days 0..4 valued 1, 2, 4, 8, 16: blocks of 2 from 3 and 4 wrap round the end. */
  @Test
  void resampledSum_circularBlocks_byHand() {
    double[] prefix = {0, 1, 3, 7, 15, 31};
    // blocks {3, 4}, {4, 0}, then a cut block {1}: 8 + 16 + 16 + 1 + 2
    assertEquals(43, DayBlockBootstrap.resampledSum(prefix, new int[] {3, 4, 1}, 2, 5), TOLERANCE);
    assertEquals(
        31,
        DayBlockBootstrap.resampledSum(prefix, DayBlockBootstrap.identity(5, 2), 2, 5),
        TOLERANCE);
  }

  /** Any draw: the prefix-sum block sum is the sum over the days the blocks list, one by one. */
  @Test
  void resampledSum_anyDraw_isTheSumOfTheDrawnDays() {
    qt().withExamples(300)
        .withFixedSeed(7L)
        .forAll(longs().all(), integers().between(1, 60), integers().between(1, 10))
        .checkAssert(BootstrapTest::blockSumIsDaySum);
  }

  private static void blockSumIsDaySum(long seed, int days, int blockDays) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = rng.doubles(days, 0, 10).toArray();
    double[] prefix = new double[days + 1];
    for (int i = 0; i < days; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    int[] starts = DayBlockBootstrap.draws(days, blockDays, 1, seed)[0];
    double expected = 0;
    int drawn = 0;
    for (int s : starts) {
      for (int k = 0; k < blockDays && drawn < days; k++, drawn++) {
        expected += x[(s + k) % days];
      }
    }
    assertEquals(days, drawn);
    double actual = DayBlockBootstrap.resampledSum(prefix, starts, blockDays, days);
    assertEquals(expected, actual, TOLERANCE * Math.max(1, expected));
  }

  /** The estimates (the data as they are) are the pooled metrics' own figures. */
  @Test
  void of_estimates_equalPolicyMetrics() {
    Backtest.Result result = result();
    Bootstrap.Result b = Bootstrap.of(result, 7, 50, 1L);
    for (PolicyRun p : result.policies()) {
      PolicyMetrics m = PolicyMetrics.of(result, p, List.of(), null);
      Bootstrap.PolicyIntervals i = find(b, p.name());
      assertEquals(m.badDebtShare(), i.badDebtShare().estimate(), TOLERANCE);
      assertEquals(m.timeAvgLtv(), i.timeAvgLtv().estimate(), TOLERANCE);
      assertEquals(m.liquidationsPerSeed(), i.liquidationsPerSeed().estimate(), TOLERANCE);
      assertEquals(m.penaltyShare(), i.penaltyShare().estimate(), TOLERANCE);
      assertTrue(i.badDebtShare().lower() <= i.badDebtShare().upper());
      assertEquals(50, i.timeAvgLtv().resamples());
    }
  }

  /**
   * Paired: a policy that is a copy of a grid point has, in every resample, the frontier's own
   * figures at its LTV: ratio 1 and differences 0, with no interval width.
   */
  @Test
  void of_copyOfAGridPoint_ratioOneInEveryResample() {
    Bootstrap.Result b = Bootstrap.of(result(), 7, 200, 3L);
    Bootstrap.FrontierComparison c = find(b, "copy").vsFrontier();
    assertEquals(200, c.badDebtRatio().resamples());
    assertEquals(1, c.badDebtRatio().lower(), 1e-9);
    assertEquals(1, c.badDebtRatio().upper(), 1e-9);
    assertEquals(0, c.liquidationsPerSeedDifference().upper(), 1e-9);
    assertEquals(0, c.penaltyShareDifference().lower(), 1e-12);
    assertEquals(0, c.badDebtShareDifference().upper(), 1e-12);
    assertNull(find(b, "static-80").vsFrontier());
  }

  @Test
  void of_sameSeed_sameIntervals() {
    assertEquals(Bootstrap.of(result(), 7, 100, 5L), Bootstrap.of(result(), 7, 100, 5L));
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(result(), 0, 100, 5L));
  }

  @Test
  void ratio_zeroBadDebt_oneOrInfinity() {
    assertEquals(0.5, BootstrapFrontier.ratio(1, 2), TOLERANCE);
    assertEquals(1, BootstrapFrontier.ratio(0, 0));
    assertEquals(Double.POSITIVE_INFINITY, BootstrapFrontier.ratio(1e-9, 0));
  }

  @Test
  void notWorse_countsComparedResamplesOnly() {
    double[] ratio = {0.5, 0.5, 2, Double.NaN, 1, Double.POSITIVE_INFINITY};
    assertEquals(0.5, BootstrapFrontier.notWorse(ratio), TOLERANCE); // 0.5, 1 of 0.5, 2, 1, ∞
  }

  /** Type 7 on 1..4 then +∞: the 97.5 % end interpolates towards +∞, the 2.5 % end does not. */
  @Test
  void quantile_infiniteTail_isInfiniteOnlyWhenReached() {
    double[] x = {1, 2, 3, 4, Double.POSITIVE_INFINITY};
    assertEquals(1.1, DayBlockBootstrap.quantile(x, 0.025), TOLERANCE); // h = 0.1
    assertEquals(Double.POSITIVE_INFINITY, DayBlockBootstrap.quantile(x, 0.975)); // h = 3.9
    assertEquals(4, DayBlockBootstrap.quantile(x, 0.75), TOLERANCE); // h = 3 exactly
    assertEquals(2.5, DayBlockBootstrap.quantile(new double[] {1, 2, 3, 4}, 0.5), TOLERANCE);
  }

  private static Bootstrap.PolicyIntervals find(Bootstrap.Result b, String policy) {
    return b.policies().stream().filter(p -> p.policy().equals(policy)).findFirst().orElseThrow();
  }

  /**
   * Two grid points, an adaptive policy and a copy of static-80; two assets whose runs start on
   * different days, two seeds; random daily figures from a fixed seed, bad debt rising with LT.
   */
  private static Backtest.Result result() {
    List<PolicyRun> policies = new ArrayList<>();
    Map<String, List<AssetRun>> runs = new LinkedHashMap<>();
    String[][] specs = {{"static-70", "static"}, {"static-80", "static"}, {"ewma", "adaptive"}};
    double[] ltvs = {0.45, 0.6, 0.52};
    for (int p = 0; p < specs.length; p++) {
      policies.add(new PolicyRun(specs[p][0], specs[p][1], "test", null, Map.of()));
      List<AssetRun> l = new ArrayList<>();
      for (long seed = 1; seed <= 2; seed++) {
        l.add(run(specs[p][0], "A", seed, 0, 40, ltvs[p], 31L * p + seed));
        l.add(run(specs[p][0], "B", seed, 5, 30, ltvs[p], 97L * p + seed));
      }
      runs.put(specs[p][0], l);
    }
    policies.add(new PolicyRun("copy", "adaptive", "test", null, Map.of()));
    runs.put("copy", runs.get("static-80"));
    return new Backtest.Result(policies, Map.of(), List.of(1L, 2L), runs, 1);
  }

  private static AssetRun run(
      String policy, String symbol, long seed, int startDay, int days, double ltv, long rngSeed) {
    SplittableRandom rng = new SplittableRandom(rngSeed);
    AssetRun.Daily.Builder d = new AssetRun.Daily.Builder(days);
    List<Double> bad = new ArrayList<>();
    double borrowed = 0;
    double badSum = 0;
    double penalty = 0;
    long liquidations = 0;
    double ltvSum = 0;
    long hours = 0;
    for (int i = 0; i < days; i++) {
      double lent = rng.nextDouble(1e5, 2e5);
      d.borrowed(i, lent);
      borrowed += lent;
      double b = rng.nextDouble() < 0.2 ? rng.nextDouble(0, 100 * ltv) : 0;
      bad.add(b);
      badSum += b;
      int liq = rng.nextInt(3);
      for (int k = 0; k < liq; k++) {
        double pen = rng.nextDouble(0, 50);
        d.liquidation(i, pen);
        penalty += pen;
        liquidations++;
      }
      for (int h = 0; h < 24; h++) {
        double hourLtv = ltv + rng.nextDouble(-0.02, 0.02);
        d.ltv(i, hourLtv, 1000 * hourLtv);
        ltvSum += hourLtv;
        hours++;
      }
    }
    AssetRun.Events none =
        new AssetRun.Events(
            new long[0],
            new double[0],
            new double[0],
            new double[0],
            new boolean[0],
            new double[0],
            0);
    return new AssetRun(
        policy,
        symbol,
        seed,
        startDay * DAY_MS,
        hours,
        days,
        borrowed,
        liquidations,
        0,
        0,
        penalty,
        badSum,
        0,
        0,
        ltvSum / hours,
        0.01,
        0,
        0,
        bad,
        none,
        d.build());
  }
}
