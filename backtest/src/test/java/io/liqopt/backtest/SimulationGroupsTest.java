package io.liqopt.backtest;

import static io.liqopt.core.JavaSerialisation.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A backtest's simulations grouped by policy and asset, each group and its runs through Java
 * serialisation, run in a shuffled order (as a distributed engine may): the same figures as in one
 * JVM.
 */
class SimulationGroupsTest {
  @Test
  void groupsRunApartShuffled_sameFigures() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(2, 0.4, 5));
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    List<PolicyRun> policies =
        StaticPolicies.grid(
            new double[] {0.7, 0.85},
            0.05,
            Incentive.defaultRule(50),
            ResolvedPolicy.defaultPolicy(),
            histories);
    List<Long> seeds = List.of(3L, 4L, 5L);
    Backtest.Result here = run(histories, policies, seeds, Backtest.HERE);
    List<Integer> sizes = new ArrayList<>();
    Backtest.Simulations apart =
        (tasks, config, done) -> {
          List<SimulationGroups.Group> groups = SimulationGroups.of(tasks);
          List<Integer> order = new ArrayList<>();
          for (int g = 0; g < groups.size(); g++) {
            order.add(g);
            sizes.add(groups.get(g).seeds().size());
          }
          Collections.shuffle(order, new Random(1));
          List<List<AssetRun>> runs = new ArrayList<>(Collections.nCopies(groups.size(), null));
          for (int g : order) {
            SimulationGroups.Group there = roundTrip(groups.get(g));
            AssetHistory h = histories.get(index(histories, there.symbol()));
            runs.set(g, roundTrip(there.simulate(h, roundTrip(config))));
          }
          return SimulationGroups.ungroup(groups, runs, tasks.size());
        };
    Backtest.Result there = run(histories, policies, seeds, apart);
    assertEquals(List.of(3, 3, 3, 3), sizes); // 2 policies × 2 assets, the seeds together
    for (PolicyRun p : policies) {
      assertEquals(
          PolicyMetrics.of(here, p, histories, null), PolicyMetrics.of(there, p, histories, null));
    }
    // and the comparison sees a change: other seeds give other figures
    Backtest.Result other = run(histories, policies, List.of(6L, 7L, 8L), Backtest.HERE);
    assertNotEquals(
        PolicyMetrics.of(here, policies.get(0), histories, null),
        PolicyMetrics.of(other, policies.get(0), histories, null));
  }

  private static int index(List<AssetHistory> histories, String symbol) {
    for (int i = 0; i < histories.size(); i++) {
      if (histories.get(i).symbol().equals(symbol)) {
        return i;
      }
    }
    throw new AssertionError(symbol);
  }

  private static Backtest.Result run(
      List<AssetHistory> h, List<PolicyRun> p, List<Long> seeds, Backtest.Simulations s) {
    return Backtest.run(
        h,
        p,
        SimulationConfig.defaults(),
        seeds,
        Backtest.windows(h, p, Long.MIN_VALUE, Long.MAX_VALUE),
        n -> {},
        s);
  }
}
