package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.backtest.PolicyOptimizer.Candidate;
import io.liqopt.backtest.PolicyOptimizer.Decision;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The optimiser's choice rule, decision dates and search space, on hand-made daily figures. */
class PolicyOptimizerTest {
  private static final long DAY_MS = 86_400_000L;
  private static final long DAY0 = 19_000;

  /* Within the budget the most debt-hours wins; a richer candidate over the budget does not. */
  @Test
  void choose_mostLendingWithinBudget() {
    DayFigures budget = figures(new double[] {100, 100}, new double[] {1, 1}, new double[] {1, 1});
    DayFigures safe = figures(new double[] {100, 100}, new double[] {0, 0}, new double[] {5, 5});
    DayFigures rich = figures(new double[] {100, 100}, new double[] {0, 1}, new double[] {8, 8});
    DayFigures greedy =
        figures(new double[] {100, 100}, new double[] {3, 0}, new double[] {20, 20});
    Decision d = PolicyOptimizer.choose(List.of(safe, rich, greedy), budget, DAY0, DAY0 + 2, 0, 1);
    assertEquals(1, d.chosen());
    assertEquals(2, d.feasible());
    assertEquals(16, d.chosenBefore().debtHoursQuote());
    assertEquals(0.01, d.budgetBefore().badPerBorrowed(), 1e-15);
  }

  /* None within the budget: the least bad debt per borrowed, ties broken by lending. */
  @Test
  void choose_noneFeasible_safestThenRichest() {
    DayFigures budget = figures(new double[] {100}, new double[] {0}, new double[] {1});
    DayFigures a = figures(new double[] {100}, new double[] {2}, new double[] {9});
    DayFigures b = figures(new double[] {100}, new double[] {1}, new double[] {3});
    DayFigures c = figures(new double[] {100}, new double[] {1}, new double[] {4});
    Decision d = PolicyOptimizer.choose(List.of(a, b, c), budget, DAY0, DAY0 + 1, 0, 1);
    assertEquals(2, d.chosen());
    assertEquals(0, d.feasible());
  }

  /* The choice at a day reads no day at or after it: rewriting the future changes nothing. */
  @Test
  void choose_readsOnlyTheDaysBefore() {
    qt().forAll(longs().between(1, 10_000), integers().between(1, 29))
        .checkAssert(
            (seed, cut) -> {
              Random rnd = new Random(seed);
              List<DayFigures> cands = new ArrayList<>();
              List<DayFigures> rewritten = new ArrayList<>();
              for (int i = 0; i < 5; i++) {
                double[][] x = random(rnd, 30);
                cands.add(figures(x[0], x[1], x[2]));
                for (int d = cut; d < 30; d++) {
                  x[0][d] = rnd.nextDouble() * 1000;
                  x[1][d] = rnd.nextDouble() * 50;
                  x[2][d] = rnd.nextDouble() * 1e6;
                }
                rewritten.add(figures(x[0], x[1], x[2]));
              }
              double[][] y = random(rnd, 30);
              DayFigures budget = figures(y[0], y[1], y[2]);
              Decision a = PolicyOptimizer.choose(cands, budget, DAY0, DAY0 + cut, 0, 1);
              Decision b = PolicyOptimizer.choose(rewritten, budget, DAY0, DAY0 + cut, 0, 1);
              assertEquals(a.chosen(), b.chosen());
              assertEquals(a.chosenBefore(), b.chosenBefore());
            });
  }

  @Test
  void decisionTimes_firstAfterTheHistoryThenEveryPeriod() {
    long start = 10 * DAY_MS + 5 * 3_600_000L;
    List<Long> t = PolicyOptimizer.decisionTimes(start, 100 * DAY_MS, 30, 25);
    assertEquals(List.of(40 * DAY_MS, 65 * DAY_MS, 90 * DAY_MS), t);
    assertEquals(-1, PolicyOptimizer.period(t, 40 * DAY_MS - 1));
    assertEquals(0, PolicyOptimizer.period(t, 40 * DAY_MS));
    assertEquals(2, PolicyOptimizer.period(t, 99 * DAY_MS));
    assertEquals(List.of(), PolicyOptimizer.decisionTimes(start, 30 * DAY_MS, 30, 25));
  }

  @Test
  void space_everyCombination_andCandidatesRefuseBadValues() {
    PolicyOptimizer.Space s = PolicyOptimizer.Space.defaults();
    assertEquals(
        s.ceilingLevels().size()
            * s.alphas().size()
            * s.stressedWeights().size()
            * s.loosenPerDay().size(),
        s.grid().size());
    Candidate c = new Candidate(Double.NaN, 0.995, 0.1, 0.004);
    AssetRiskConfig applied = c.apply(AssetRiskConfig.DEFAULTS);
    assertEquals(0.995, applied.quantiles().alpha());
    assertEquals(0.1, applied.governor().stressedWeight());
    assertEquals(0.004, applied.governor().ltMaxLoosenPerDay());
    assertEquals("uncapped-a0.995-w0.1-l0.004", c.name());
    assertThrows(
        ConfigException.class,
        () -> new Candidate(0.99, 0.995, 2, 0.02).apply(AssetRiskConfig.DEFAULTS));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PolicyOptimizer.Space(List.of(), List.of(0.99), List.of(0.0), List.of(0.02)));
  }

  @Test
  void polyline_interpolatesInLtv_nanOutside() {
    double[] ltv = {0.4, 0.5, 0.6};
    double[] bad = {0, 10, 50};
    assertEquals(5, Polyline.at(ltv, bad, 0.45), 1e-12);
    assertEquals(30, Polyline.at(ltv, bad, 0.55), 1e-12);
    assertEquals(0, Polyline.at(ltv, bad, 0.4), 1e-12);
    assertEquals(Double.NaN, Polyline.at(ltv, bad, 0.61));
    assertEquals(Double.NaN, Polyline.at(new double[] {0.5}, new double[] {1}, 0.5));
  }

  /** Daily figures from day {@link #DAY0}: borrowed, bad debt, debt-hours (other fields zero). */
  private static DayFigures figures(double[] borrowed, double[] bad, double[] debtHours) {
    return DayFigures.ofColumns(DAY0, borrowed, bad, debtHours);
  }

  private static double[][] random(Random rnd, int days) {
    double[][] x = new double[3][days];
    for (int d = 0; d < days; d++) {
      x[0][d] = rnd.nextDouble() * 1000;
      x[1][d] = rnd.nextInt(4) == 0 ? rnd.nextDouble() * 10 : 0;
      x[2][d] = rnd.nextDouble() * 1e6;
    }
    return x;
  }
}
