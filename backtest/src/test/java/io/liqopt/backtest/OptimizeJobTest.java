package io.liqopt.backtest;

import static io.liqopt.core.JavaSerialisation.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimiser end to end on a small synthetic market: it writes a report and a policy.json that
 * the service's loader accepts, and its walk-forward decisions read nothing after them (a crash
 * planted late in the data leaves every earlier decision unchanged).
 */
class OptimizeJobTest {
  private static final Policies.WalkForward WF = new Policies.WalkForward(120, 30, 24);

  @TempDir Path dir;

  @Test
  void smallMarket_reportAndLoadablePolicy_decisionsBlindToTheFuture() throws Exception {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 1.6, 11));
    OptimizeJob.Result clean = optimize(market, dir.resolve("clean"));

    OptimizeMetrics.Metrics m = clean.metrics();
    assertEquals(4, m.evaluations());
    assertFalse(m.decisions().isEmpty());
    assertTrue(Files.isRegularFile(clean.index()));
    assertTrue(Files.isRegularFile(clean.index().resolveSibling("metrics.json")));
    assertTrue(Files.size(clean.index().resolveSibling("search.png")) > 0);
    assertTrue(Files.readString(clean.index()).contains("The search"));
    ResolvedPolicy loaded = PolicyConfig.load(clean.policyFile()).resolve();
    for (BarSeries s : market) {
      AssetRiskConfig c = loaded.forSymbol(s.symbol());
      assertTrue(c.governor().ltCeiling() > 0 && c.governor().ltCeiling() <= 1);
    }
    assertTrue(m.evaluation().pooled().stream().anyMatch(p -> p.policy().equals("optimised")));
    assertTrue(m.timing().perCandidate() > 0 && m.timing().staticSimulation() > 0);

    // a halving planted 30 days before the end: decisions taken before it cannot see it
    List<BarSeries> planted = new ArrayList<>(market);
    BarSeries last = market.get(2);
    int crashRow = last.size() - 24 * 30;
    planted.set(2, NoLookAheadTest.halveFrom(last, crashRow));
    OptimizeJob.Result crashed = optimize(planted, dir.resolve("crashed"));
    long crashMs = last.openTimeMs(crashRow);
    int compared = 0;
    for (int k = 0; k < m.decisions().size(); k++) {
      OptimizeMetrics.DecisionRow a = m.decisions().get(k);
      OptimizeMetrics.DecisionRow b = crashed.metrics().decisions().get(k);
      if (Instant.parse(a.from()).toEpochMilli() < crashMs) {
        assertEquals(a.chosen(), b.chosen(), a.from());
        assertEquals(a.chosenBefore(), b.chosenBefore(), a.from());
        assertEquals(a.budgetBefore(), b.budgetBefore(), a.from());
        compared++;
      }
    }
    assertTrue(compared >= 2, "decisions before the crash were compared");
    assertNotEquals(
        m.candidates().get(0).whole(),
        crashed.metrics().candidates().get(0).whole(),
        "the crash changes the whole-span figures (so the comparison can fail)");
  }

  /**
   * The sweep's candidates evaluated apart, in reverse order, each result through Java
   * serialisation (as a distributed engine runs them): the same figures, decisions and evaluation.
   */
  @Test
  void candidatesRunApart_sameOutcome() throws Exception {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 1.6, 11));
    OptimizeMetrics.Metrics here = optimize(market, dir.resolve("here"), null).metrics();
    List<Integer> order = new ArrayList<>();
    OptimizeMetrics.Metrics apart =
        optimize(
                market,
                dir.resolve("apart"),
                p ->
                    (span, count, done) -> {
                      OptimizeSweep.CandidateDays[] out = new OptimizeSweep.CandidateDays[count];
                      for (int i = count - 1; i >= 0; i--) {
                        order.add(i);
                        out[i] = roundTrip(p.evaluate(roundTrip(span), i));
                        done.accept(count - i);
                      }
                      return List.of(out);
                    })
            .metrics();
    assertEquals(List.of(3, 2, 1, 0), order);
    assertEquals(here.candidates(), apart.candidates());
    assertEquals(here.decisions(), apart.decisions());
    assertEquals(here.recommended(), apart.recommended());
    assertEquals(here.evaluation().pooled(), apart.evaluation().pooled());
  }

  @Test
  void options_gridOverBudgetOrBadAlpha_refused() {
    PolicyOptimizer.Space big =
        new PolicyOptimizer.Space(
            List.of(0.95, 0.99), List.of(0.99, 0.995), List.of(0.0), List.of(0.02));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OptimizeJob.Options(backtest(dir), big, 60, 30, 3));
    PolicyOptimizer.Space one =
        new PolicyOptimizer.Space(List.of(0.99), List.of(0.99), List.of(0.0), List.of(0.02));
    assertEquals(
        "static-80", new OptimizeJob.Options(backtest(dir), one, 60, 30, 1, "static-80").budget());
    assertThrows(
        IllegalArgumentException.class,
        () -> new OptimizeJob.Options(backtest(dir), one, 60, 30, 1, "static-100"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OptimizeJob.Options(backtest(dir), one, 60, 30, 1, "magic"));
    PolicyOptimizer.Space bad =
        new PolicyOptimizer.Space(List.of(0.99), List.of(1.5), List.of(0.0), List.of(0.02));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OptimizeJob.Options(backtest(dir), bad, 60, 30, 10));
  }

  private static OptimizeJob.Result optimize(List<BarSeries> market, Path reports)
      throws Exception {
    return optimize(market, reports, null);
  }

  /** The optimiser on {@code market}, its candidates run by the runner {@code runner} makes. */
  private static OptimizeJob.Result optimize(
      List<BarSeries> market,
      Path reports,
      java.util.function.Function<OptimizeSweep.Prepared, OptimizeSweep.Runner> runner)
      throws Exception {
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    OptimizeJob.Options o =
        new OptimizeJob.Options(
            backtest(reports),
            new PolicyOptimizer.Space(
                List.of(0.95, Double.NaN), List.of(0.95, 0.995), List.of(0.25), List.of(0.02)),
            60,
            45,
            4);
    WalkForwardForecasts forecasts =
        WalkForwardForecasts.compute(
            new EwmaForecaster(),
            ForecastSpec.of(o.backtest().risk().horizonsHours(), 0.10),
            WF,
            histories,
            42,
            Long.MIN_VALUE,
            line -> {});
    OptimizeSweep.Prepared prepared = OptimizeSweep.Prepared.of(o, histories, forecasts);
    return OptimizeJob.run(
        prepared,
        runner == null ? null : runner.apply(prepared),
        Backtest.HERE,
        OptimizeJob.Listener.SILENT,
        n -> {},
        Instant.parse("2026-12-04T00:00:00Z"));
  }

  private static BacktestJob.Options backtest(Path reports) {
    Incentive rule = Incentive.defaultRule(50);
    return new BacktestJob.Options(
        List.of("static", "per-asset", "aave", "morpho"),
        ResolvedPolicy.defaultPolicy(),
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        List.of(7L),
        WF,
        SimulationConfig.defaults(),
        reports,
        0.10,
        rule,
        List.of(),
        0.80);
  }
}
