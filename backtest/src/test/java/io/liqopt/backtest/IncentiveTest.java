package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.BonusSchedule;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The incentive rules are core configuration (no formula of their own), and a backtest on small
 * synthetic data gives every policy of the thresholds experiment the same rule.
 */
class IncentiveTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void aaveV4_isCoresLinearScheduleWithTargetHealthFactor() {
    Incentive v4 = Incentive.named("aave-v4", 0.02, 0.08, 25);
    AssetRiskConfig c = v4.liquidation(ResolvedPolicy.defaultPolicy()).defaults();
    assertEquals(BonusSchedule.LINEAR, c.bonus().schedule());
    assertEquals(0.02, c.bonus().min(), TOLERANCE);
    assertEquals(0.08, c.bonus().max(), TOLERANCE);
    assertEquals(25, c.bonus().minIncentiveQuote(), TOLERANCE);
    assertEquals(1.0, c.execution().closeFactor(), TOLERANCE);
    assertEquals(1.05, c.execution().targetHealthFactor(), TOLERANCE);
    assertEquals(1000, c.execution().dustQuote(), TOLERANCE);
    // halfway between HF 1 and 0.90: halfway between the bonuses (core's schedule)
    assertEquals(
        0.05,
        c.bonus().schedule().bonus(0.02, c.bonus().max(), 0.95, c.bonus().maxAtHealthFactor()),
        TOLERANCE);
    // the calculator's bounds are pinned to b: LT is computed with the bonus paid at HF 1
    AssetRiskConfig t = v4.thresholds(ResolvedPolicy.defaultPolicy()).defaults();
    assertEquals(0.02, t.bonus().min(), TOLERANCE);
    assertEquals(0.02, t.bonus().max(), TOLERANCE);
  }

  @Test
  void named_unknownRule_refused() {
    assertThrows(IllegalArgumentException.class, () -> Incentive.named("x", 0.05, 0.1, 0));
  }

  /** Two years of synthetic market, every family but ML, one seed. */
  @Test
  void backtest_smallSyntheticMarket_everyPolicyOneRule() throws Exception {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.9, 2));
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    Incentive rule = Incentive.defaultRule(50);
    BacktestJob.Options o =
        new BacktestJob.Options(
            List.of("static", "per-asset", "aave", "morpho", "ewma"),
            ResolvedPolicy.defaultPolicy(),
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            List.of(7L),
            new Policies.WalkForward(120, 120, 24),
            SimulationConfig.defaults(),
            java.nio.file.Files.createTempDirectory("incentive-test"),
            0.10,
            rule,
            Incentive.defaultExperiment(50),
            0.80);
    List<PolicyRun> runs = BacktestJob.policies(o, histories, () -> null, new Silent());
    for (PolicyRun p : runs) {
      if (p.kind().equals("preset")) {
        continue;
      }
      AssetRiskConfig c = p.risk().defaults();
      boolean experiment = p.kind().equals("bonus");
      assertTrue(experiment || c.bonus().equals(rule.liquidation(o.risk()).defaults().bonus()));
      for (Map.Entry<String, ThresholdSchedule> e : p.schedules().entrySet()) {
        ThresholdSchedule s = e.getValue();
        int r = s.firstDefined();
        if (r < s.size()) {
          assertEquals(experiment ? s.bonus(r) : rule.bonus(), s.bonus(r), TOLERANCE, p.name());
          assertTrue(s.lt(r) > 0 && s.lt(r) < 1, p.name());
        }
      }
    }
    Backtest.Result result =
        Backtest.run(histories, runs, o.simulation(), o.seeds(), o.fromMs(), o.toMs(), n -> {});
    Backtest.Result extended = StaticPolicies.extendGrid(o, histories, result, Backtest.HERE);
    assertTrue(extended.policies().size() >= runs.size());
    for (PolicyRun p : extended.policies()) {
      PolicyMetrics m = PolicyMetrics.of(extended, p, histories, null);
      assertTrue(Double.isFinite(m.penaltyShare()) && m.penaltyShare() >= 0, p.name());
    }
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
