package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tail statistics and the frontier interpolation, by hand. */
class PolicyMetricsTest {

  @Test
  void percentileType7AndTailMean_byHand() {
    double[] x = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i + 1; // 1..100
    }
    assertEquals(95.05, PolicyMetrics.percentile(x, 0.95), 1e-12); // h = 99·0.95 = 94.05
    assertEquals(100, PolicyMetrics.tailMean(x, 0.01)); // the worst 1 % is one value
    assertEquals(99.5, PolicyMetrics.tailMean(x, 0.02));
    assertEquals(0, PolicyMetrics.percentile(new double[0], 0.95));
  }

  @Test
  void frontier_interpolatesBetweenStaticRules_nanOutside() {
    List<PolicyMetrics> statics =
        List.of(metrics("static-70", 0.50, 0.001), metrics("static-80", 0.60, 0.003));
    assertEquals(0.002, BacktestFindings.frontierBadDebt(statics, 0.55), 1e-15);
    assertEquals(0.001, BacktestFindings.frontierBadDebt(statics, 0.50), 1e-15);
    assertTrue(Double.isNaN(BacktestFindings.frontierBadDebt(statics, 0.65)));
  }

  @Test
  void findings_sayWhereAnAdaptivePolicyDidWorse() {
    List<PolicyMetrics> pooled =
        List.of(
            metrics("static-70", 0.50, 0.001),
            metrics("static-80", 0.60, 0.003),
            adaptive("ml", 0.55, 0.004),
            adaptive("ml-ungoverned", 0.58, 0.001));
    List<String> f = BacktestFindings.findings(pooled);
    assertTrue(f.get(0).startsWith("ml: ") && f.get(0).contains("MORE bad debt"), f.get(0));
    assertTrue(f.get(1).contains("less bad debt"), f.get(1));
    assertTrue(f.get(2).startsWith("The governor (ml vs ml-ungoverned)"), f.get(2));
  }

  private static PolicyMetrics metrics(String name, double ltv, double bad) {
    return new PolicyMetrics(
        name, "static", 1e6, bad, 10, 0.1, 0.01, 0.5, ltv, 0, 0, 0.01, 0, 0, 0, 0, 0);
  }

  private static PolicyMetrics adaptive(String name, double ltv, double bad) {
    return new PolicyMetrics(
        name, "adaptive", 1e6, bad, 10, 0.1, 0.01, 0.5, ltv, 0.02, 0, 0.01, 0, 0, 0, 0, 0);
  }
}
