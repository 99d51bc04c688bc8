package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small synthetic backtest with an α sweep: the swept points come from the EWMA policy's own
 * forecasts, and the family is compared with the static frontier curve to curve wherever both
 * curves reach.
 */
class SweepBacktestTest {
  @TempDir Path dir;

  private static List<AssetHistory> market() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.9, 2));
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    return histories;
  }

  private BacktestJob.Options options(List<String> policies, List<Double> alphas) {
    return new BacktestJob.Options(
            policies,
            ResolvedPolicy.defaultPolicy(),
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            List.of(7L),
            new Policies.WalkForward(120, 120, 24),
            SimulationConfig.defaults(),
            dir.resolve("reports"),
            0.10,
            Incentive.defaultRule(50),
            List.of(),
            0.80)
        .withSweep(alphas, dir.resolve("cache"));
  }

  @Test
  void backtest_alphaSweep_familyAgainstFrontierWhereCurvesOverlap() throws Exception {
    List<AssetHistory> histories = market();
    BacktestJob.Options o = options(List.of("static", "ewma"), List.of(0.6, 0.9, 0.99, 0.999));
    List<PolicyRun> runs = BacktestJob.policies(o, histories, () -> null, new Silent());
    List<String> swept = new ArrayList<>();
    for (PolicyRun p : runs) {
      if (p.kind().equals("sweep")) {
        swept.add(p.name());
        assertEquals("ewma", p.family());
      }
    }
    assertEquals(List.of("ewma-a0.6", "ewma-a0.9", "ewma-a0.99", "ewma-a0.999"), swept);
    // the forecasts were fitted once and cached
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertEquals(1, files.count());
    }
    BacktestJob.Result r =
        BacktestJob.simulate(
            o, histories, runs, n -> {}, Instant.parse("2026-01-01T00:00:00Z"), Backtest.HERE);
    BootstrapFamilies.Result f = r.summary().intervals().families();
    assertNotNull(f);
    assertEquals(1, f.families().size());
    BootstrapFamilies.Family ewma = f.families().get(0);
    assertEquals(swept, ewma.policies());
    double[] family = range(r.summary().pooled(), true);
    double[] grid = range(r.summary().pooled(), false);
    int covered = 0;
    for (BootstrapFamilies.Level l : ewma.levels()) {
      boolean inside =
          l.ltv() > Math.max(family[0], grid[0]) && l.ltv() < Math.min(family[1], grid[1]);
      if (inside) {
        covered++;
        assertTrue(l.resamples() > 0, l.toString());
        assertTrue(Double.isFinite(l.liquidationsPerSeedDifference().lower()), l.toString());
        assertTrue(Double.isFinite(l.liquidationsPerSeedDifference().upper()), l.toString());
        assertTrue(Double.isFinite(l.penaltyShareDifference().lower()), l.toString());
        assertTrue(!Double.isNaN(l.badDebtRatio().lower()), l.toString());
      }
    }
    assertTrue(covered > 0, "no level inside both curves: family " + family[0] + ".." + family[1]);
    String html = Files.readString(r.index());
    assertTrue(html.contains("Family ewma against the static frontier"), "family table");
    try (Stream<Path> files = Files.list(r.index().getParent())) {
      long lt = files.filter(p -> p.getFileName().toString().startsWith("lt-")).count();
      assertTrue(lt >= 1 && lt <= BacktestLtCharts.MAX_YEARS, "LT charts: " + lt);
    }
  }

  @Test
  void options_sweepWithoutEwmaOrBadAlpha_refused() {
    assertThrows(IllegalArgumentException.class, () -> options(List.of("static"), List.of(0.9)));
    assertThrows(
        IllegalArgumentException.class, () -> options(List.of("static", "ewma"), List.of(0.5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> options(List.of("static", "ewma"), List.of(0.9, 0.9)));
    assertNull(
        Bootstrap.of(
                new Backtest.Result(
                    List.of(), java.util.Map.of(), List.of(1L), java.util.Map.of(), 0),
                7,
                10,
                1L)
            .families());
  }

  /** The pooled time-averaged LTV range of the swept points ({@code swept}) or the grid's. */
  private static double[] range(List<PolicyMetrics> pooled, boolean swept) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (PolicyMetrics m : pooled) {
      boolean in = swept ? m.kind().equals("sweep") : BacktestFindings.isGridPoint(m);
      if (in) {
        lo = Math.min(lo, m.timeAvgLtv());
        hi = Math.max(hi, m.timeAvgLtv());
      }
    }
    return new double[] {lo, hi};
  }

  private static final class Silent implements BacktestJob.PolicyProgress {
    @Override
    public void started(String name) {}

    @Override
    public void note(String line) {}

    @Override
    public void finished(String name) {}
  }
}
