package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChallengerRuleTest {
  @Test
  void improvement_knownValue() {
    // per-hour differences 1, 2, 3, 4: mean 2.5; Bartlett lag 1: γ0 = 1.25, γ1 = 0.3125,
    // lrv = 1.25 + 2·0.5·0.3125 = 1.5625, se = √(1.5625/4) = 0.625, t = 4
    double[] base = {1, 2, 3, 4};
    double[] challenger = new double[4];
    long[] times = {0, 1, 2, 3};
    assertEquals(4.0, ChallengerRule.improvement(base, challenger, times, 1), 1e-12);
  }

  @Test
  void improvement_rowsOfOneHour_summedBeforeTheVariance() {
    double[] base = {0.5, 0.5, 2, 3, 4};
    long[] times = {7, 7, 8, 9, 10};
    assertEquals(4.0, ChallengerRule.improvement(base, new double[5], times, 1), 1e-12);
    double[] constant = {1, 1};
    assertEquals(
        Double.POSITIVE_INFINITY,
        ChallengerRule.improvement(constant, new double[2], new long[] {0, 1}, 1));
    assertEquals(0, ChallengerRule.improvement(new double[] {1}, new double[1], times, 1));
  }

  @Test
  void critical_bonferroniQuantileOfTheNormal() {
    // Φ⁻¹(0.95) and Φ⁻¹(1 − 0.05/4) (scipy.stats.norm.ppf)
    assertEquals(1.6448536269514722, ChallengerRule.critical(1), 1e-12);
    assertEquals(2.2414027276049446, ChallengerRule.critical(4), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ChallengerRule.critical(0));
  }
}
