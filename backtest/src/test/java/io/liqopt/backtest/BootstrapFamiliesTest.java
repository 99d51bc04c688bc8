package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.backtest.Bootstrap.Figures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The curve-to-curve comparison on hand-made resampled figures: the expected values are the linear
 * interpolations and inversions worked by hand in the comments.
 */
class BootstrapFamiliesTest {
  private static final double TOLERANCE = 1e-12;

  /**
   * Grid A (LTV 0.40, bad 0.001), B (0.50, 0.003), C (0.70, 0.011); family F1 (0.45, 0.0005), F2
   * (0.65, 0.0045); liquidations and penalties alongside. Resamples 0 and 1 are these figures;
   * resample 2 moves F1 to LTV 0.47.
   */
  private static Figures[] figures() {
    return new Figures[] {
      fig(0.40, 0.40, 0.40, 0.001, 10, 0.002),
      fig(0.50, 0.50, 0.50, 0.003, 20, 0.004),
      fig(0.70, 0.70, 0.70, 0.011, 40, 0.008),
      fig(0.45, 0.45, 0.47, 0.0005, 5, 0.001),
      fig(0.65, 0.65, 0.65, 0.0045, 25, 0.005)
    };
  }

  /** Three resamples with LTVs {@code l0, l1, l2} and the same other figures. */
  private static Figures fig(double l0, double l1, double l2, double bad, double liq, double pen) {
    Figures f = new Figures(3);
    double[] ltv = {l0, l1, l2};
    for (int b = 0; b < 3; b++) {
      f.ltv[b] = ltv[b];
      f.bad[b] = bad;
      f.liquidations[b] = liq;
      f.penalty[b] = pen;
    }
    return f;
  }

  private static Map<Double, BootstrapFamilies.Level> compare(Figures[] all, double... levels) {
    List<Double> l = java.util.Arrays.stream(levels).boxed().toList();
    Map<Double, BootstrapFamilies.Level> out = new java.util.HashMap<>();
    for (BootstrapFamilies.Level level :
        BootstrapFamilies.compare(List.of(3, 4), List.of(0, 1, 2), all, l)) {
      out.put(level.ltv(), level);
    }
    return out;
  }

  @Test
  void compare_equalLtv_interpolatesBothCurves() {
    BootstrapFamilies.Level l = compare(figures(), 0.55).get(0.55);
    // frontier at 0.55: B + 0.25 (C − B): bad 0.005, liquidations 25, penalties 0.005
    // family at 0.55: F1 + 0.5 (F2 − F1): bad 0.0025, liquidations 15, penalties 0.003
    assertEquals(0.5, l.badDebtRatio().estimate(), TOLERANCE);
    // resample 2 (F1 at 0.47): family bad 0.0005 + (0.08 / 0.18) 0.004, ratio 0.4556
    double resample2 = (0.0005 + 0.08 / 0.18 * 0.004) / 0.005;
    assertTrue(l.badDebtRatio().lower() >= resample2 - TOLERANCE);
    assertTrue(l.badDebtRatio().upper() <= 0.5 + TOLERANCE);
    assertEquals(-10, l.liquidationsPerSeedDifference().estimate(), TOLERANCE);
    assertEquals(-0.002, l.penaltyShareDifference().estimate(), TOLERANCE);
    assertEquals(2, l.resamples());
  }

  @Test
  void compare_equalBadDebt_invertsEachCurve() {
    Map<Double, BootstrapFamilies.Level> m = compare(figures(), 0.50, 0.65);
    // D = frontier's bad debt at 0.50 = 0.003: the frontier lends 0.50 there; the family
    // 0.45 + (0.003 − 0.0005) / 0.004 × 0.20 = 0.575 (0.47 + 0.625 × 0.18 = 0.5825 with F1 at
    // 0.47 in resample 2): the interval lies between the two resamples' gains
    BootstrapFamilies.Level l = m.get(0.50);
    assertEquals(0.075, l.ltvGain().estimate(), TOLERANCE);
    assertTrue(l.ltvGain().lower() >= 0.075 - TOLERANCE, l.ltvGain().toString());
    assertTrue(l.ltvGain().upper() <= 0.0825 + TOLERANCE, l.ltvGain().toString());
    assertEquals(2, l.ltvGain().resamples());
    // D at 0.65 = 0.009 is above the family's last bad debt (0.0045): no gain, though the level
    // lies inside both curves
    BootstrapFamilies.Level high = m.get(0.65);
    assertTrue(Double.isNaN(high.ltvGain().estimate()));
    assertEquals(0, high.ltvGain().resamples());
    assertEquals(0.0045 / 0.009, high.badDebtRatio().estimate(), TOLERANCE);
  }

  @Test
  void compare_levelOutsideACurve_countedOut() {
    Map<Double, BootstrapFamilies.Level> m = compare(figures(), 0.35, 0.45);
    // 0.35 is under the grid's first LTV in every resample
    BootstrapFamilies.Level low = m.get(0.35);
    assertEquals(0, low.resamples());
    assertTrue(Double.isNaN(low.badDebtRatio().estimate()));
    assertTrue(Double.isNaN(low.badDebtRatio().lower()));
    // 0.45 is the family's first LTV, except in resample 2 (F1 at 0.47)
    BootstrapFamilies.Level l = m.get(0.45);
    assertEquals(1, l.resamples());
    assertEquals(0.0005 / 0.002, l.badDebtRatio().estimate(), TOLERANCE);
  }

  @Test
  void compare_zeroBadDebt_ratioRuleAndInversionAtZero() {
    Figures[] all = figures();
    for (int p : new int[] {0, 1, 3}) {
      java.util.Arrays.fill(all[p].bad, 0);
    }
    Map<Double, BootstrapFamilies.Level> m = compare(all, 0.45, 0.50);
    // at 0.45 both curves have zero bad debt: ratio 1; D = 0: the frontier's envelope is zero up
    // to B (0.50), the family's only at F1 (0.45): gain −0.05 (−0.03 in resample 2)
    BootstrapFamilies.Level l = m.get(0.45);
    assertEquals(1, l.badDebtRatio().estimate(), TOLERANCE);
    assertEquals(-0.05, l.ltvGain().estimate(), TOLERANCE);
    // at 0.50 the frontier has none and the family some: +∞
    assertEquals(Double.POSITIVE_INFINITY, m.get(0.50).badDebtRatio().estimate());
  }

  @Test
  void compare_nonMonotoneFrontier_invertsOnRunningMaximum() {
    Figures[] all = figures();
    java.util.Arrays.fill(all[0].bad, 0.002); // A above B: the envelope is 0.002, 0.002, 0.011
    java.util.Arrays.fill(all[1].bad, 0.001);
    Map<Double, BootstrapFamilies.Level> m = compare(all, 0.50, 0.60);
    // D at 0.50 = 0.001 is under the envelope's first value: no gain
    assertEquals(0, m.get(0.50).ltvGain().resamples());
    // D at 0.60 = 0.001 + 0.5 × 0.010 = 0.006 is above the family's last bad debt (0.0045): the
    // family may lend more beyond F2, so no gain either
    assertTrue(Double.isNaN(m.get(0.60).ltvGain().estimate()));
    Figures[] steeper = figures();
    java.util.Arrays.fill(steeper[0].bad, 0.002);
    java.util.Arrays.fill(steeper[1].bad, 0.001);
    java.util.Arrays.fill(steeper[4].bad, 0.02);
    // family now F1 0.0005 → F2 0.02: LTV at 0.006 = 0.45 + (0.0055 / 0.0195) × 0.20; the
    // frontier's envelope reaches 0.006 at 0.50 + (0.006 − 0.002) / 0.009 × 0.20, not at 0.60
    double expected = 0.45 + 0.0055 / 0.0195 * 0.20 - (0.50 + 0.004 / 0.009 * 0.20);
    assertEquals(expected, compare(steeper, 0.60).get(0.60).ltvGain().estimate(), 1e-12);
  }

  @Test
  void of_familiesFromKindAndName_nullWithoutAFamilyOfTwo() {
    PolicyRun a = run("static-55", "static");
    PolicyRun b = run("static-60", "static");
    PolicyRun c = run("static-65", "static");
    PolicyRun f1 = run("ewma-a0.9", "sweep");
    PolicyRun f2 = run("ewma-a0.99", "sweep");
    Figures[] all = figures();
    BootstrapFamilies.Result r =
        BootstrapFamilies.of(List.of(a, b, c, f1, f2), List.of(0, 1, 2), all);
    assertEquals(1, r.families().size());
    assertEquals("ewma", r.families().get(0).family());
    assertEquals(List.of("ewma-a0.9", "ewma-a0.99"), r.families().get(0).policies());
    assertEquals(BootstrapFamilies.LEVELS.size(), r.families().get(0).levels().size());
    assertNull(
        BootstrapFamilies.of(List.of(a, b, c, f1, run("ewma", "adaptive")), List.of(0, 1, 2), all));
    assertEquals(
        "static-per-asset-refit", PolicyRun.familyOf("static", "static-per-asset-refit-0.99"));
    assertEquals("", PolicyRun.familyOf("static", "static-per-asset"));
  }

  private static PolicyRun run(String name, String kind) {
    return new PolicyRun(name, kind, name, null, Map.of());
  }
}
