package io.liqopt.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.stats.Quantiles;
import org.junit.jupiter.api.Test;

class ExpectedShortfallTest {

  @Test
  void byHand_onOneToHundred() {
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    double var = Quantiles.ofSorted(x, 0.95); // 95.05
    // excess over 95.05: 0.95 + 1.95 + 2.95 + 3.95 + 4.95 = 14.75; / (0.05 · 100) = 2.95
    assertEquals(98.0, PortfolioStress.expectedShortfall(x, 0.95, var), 1e-12);
    assertEquals(100, PortfolioStress.expectedShortfall(x, 1, 100), 0);
  }

  @Test
  void neverBelowVar_andZeroWhenNoLoss() {
    double[] zeros = new double[50];
    assertEquals(0, PortfolioStress.expectedShortfall(zeros, 0.99, 0), 0);
    double[] x = {0, 0, 0, 0, 0, 0, 0, 0, 10, 1000};
    // p = 0.9: h = 8.1, VaR = 10 + 0.1·990 = 109; excess 891 / (0.1 · 10) = 891; ES = 1000
    assertEquals(1000, PortfolioStress.expectedShortfall(x, 0.9, 109), 1e-9);
    for (double p : new double[] {0.5, 0.8, 0.9, 0.95, 0.99}) {
      double var = Quantiles.ofSorted(x, p);
      assertTrue(PortfolioStress.expectedShortfall(x, p, var) >= var);
    }
  }
}
