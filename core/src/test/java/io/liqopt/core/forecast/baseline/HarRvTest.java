package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HarRvTest {
  /** Agreement of OLS on exactly representable designs with the hand solution. */
  private static final double TOLERANCE = 1e-12;

  // ---------------------------------------------------------------- known values

  /**
   * A 2³ factorial design in logs: (log RV_d, log RV_w, log RV_m) ∈ {−1, +1}³, so the RVs are
   * e^{±1}. The target is log RV_H = 0.5 + 0.4 ld + 0.3 lw + 0.2 lm + 0.1 · ld·lw·lm. The
   * interaction column is orthogonal to the intercept and the three main effects, so by hand: XᵀX =
   * 8 I, b̂ = (0.5, 0.4, 0.3, 0.2) exactly, residuals ±0.1, RSS = 8 · 0.01 = 0.08, s² = RSS/(8 − 4)
   * = 0.02, every standard error sqrt(s²/8) = 0.05, TSS = 8 (0.4² + 0.3² + 0.2²) + 0.08 = 2.4, R² =
   * 1 − 0.08/2.4 = 0.9666…
   */
  private static double[][] factorial() {
    double[][] columns = new double[4][8];
    for (int i = 0; i < 8; i++) {
      double ld = (i & 1) == 0 ? -1 : 1;
      double lw = (i & 2) == 0 ? -1 : 1;
      double lm = (i & 4) == 0 ? -1 : 1;
      columns[0][i] = Math.exp(ld);
      columns[1][i] = Math.exp(lw);
      columns[2][i] = Math.exp(lm);
      columns[3][i] = Math.exp(0.5 + 0.4 * ld + 0.3 * lw + 0.2 * lm + 0.1 * ld * lw * lm);
    }
    return columns;
  }

  @Test
  void fit_orthogonalFactorialDesign_matchesHandSolution() {
    double[][] c = factorial();
    HarRvFit fit = HarRv.fit(c[0], c[1], c[2], c[3]);
    assertEquals(0.5, fit.b0(), TOLERANCE);
    assertEquals(0.4, fit.bd(), TOLERANCE);
    assertEquals(0.3, fit.bw(), TOLERANCE);
    assertEquals(0.2, fit.bm(), TOLERANCE);
    assertEquals(0.02, fit.residualVariance(), TOLERANCE);
    assertEquals(0.05, fit.b0StandardError(), TOLERANCE);
    assertEquals(0.05, fit.bdStandardError(), TOLERANCE);
    assertEquals(0.05, fit.bwStandardError(), TOLERANCE);
    assertEquals(0.05, fit.bmStandardError(), TOLERANCE);
    assertEquals(1 - 0.08 / 2.4, fit.rSquared(), TOLERANCE);
    assertEquals(8, fit.observationCount());
    // at RV_d = RV_w = RV_m = e: log forecast 0.5 + 0.4 + 0.3 + 0.2 = 1.4, and the variance
    // forecast adds half the residual variance: exp(1.4 + 0.01)
    double e = Math.E;
    assertEquals(1.4, fit.forecastLog(e, e, e), TOLERANCE);
    assertEquals(Math.exp(1.41), fit.forecastVariance(e, e, e), Math.exp(1.41) * TOLERANCE);
  }

  @Test
  void fit_exactData_zeroResidualAndUnitRSquared() {
    // six rows with (ld, lw, lm) = (0,0,0), (1,0,0), (0,1,0), (0,0,1), (1,1,1), (2,1,0) and
    // log target = 0.5 + 0.4 ld + 0.3 lw + 0.2 lm = 0.5, 0.9, 0.8, 0.7, 1.4, 1.6: OLS must return
    // the generating coefficients with no residual, so the variance forecast is plain exp
    double[][] logs = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}, {2, 1, 0}};
    double[] logTarget = {0.5, 0.9, 0.8, 0.7, 1.4, 1.6};
    double[][] c = new double[4][logs.length];
    for (int i = 0; i < logs.length; i++) {
      c[0][i] = Math.exp(logs[i][0]);
      c[1][i] = Math.exp(logs[i][1]);
      c[2][i] = Math.exp(logs[i][2]);
      c[3][i] = Math.exp(logTarget[i]);
    }
    HarRvFit fit = HarRv.fit(c[0], c[1], c[2], c[3]);
    assertEquals(0.5, fit.b0(), 1e-12);
    assertEquals(0.4, fit.bd(), 1e-12);
    assertEquals(0.3, fit.bw(), 1e-12);
    assertEquals(0.2, fit.bm(), 1e-12);
    assertEquals(0, fit.residualVariance(), 1e-24);
    assertEquals(1, fit.rSquared(), 1e-12);
    // ld = ln 2, lw = ln 3, lm = ln 5: 0.5 + 0.4 ln 2 + 0.3 ln 3 + 0.2 ln 5
    double expected = 0.5 + 0.4 * Math.log(2) + 0.3 * Math.log(3) + 0.2 * Math.log(5);
    assertEquals(Math.exp(expected), fit.forecastVariance(2, 3, 5), Math.exp(expected) * 1e-11);
  }

  @Test
  void fit_gapRows_droppedAndRestFittedAsIfAbsent() {
    // The factorial design with five unusable rows interleaved: NaN (a window over a gap), zero
    // RV (an hour without a price change) and a negative value; the fit must equal the clean one
    double[][] c = factorial();
    double[][] bad = {
      {Double.NaN, 1, 1, 1},
      {1, 0, 1, 1},
      {1, 1, -2, 1},
      {1, 1, 1, Double.NaN},
      {Double.NEGATIVE_INFINITY, 1, 1, 1}
    };
    int rows = 8 + bad.length;
    double[][] mixed = new double[4][rows];
    int clean = 0;
    for (int i = 0; i < rows; i++) {
      // bad rows at 0, 3, 6, 9, 12 (first, interior and last), clean rows in order elsewhere
      boolean isBad = i % 3 == 0;
      for (int j = 0; j < 4; j++) {
        mixed[j][i] = isBad ? bad[i / 3][j] : c[j][clean];
      }
      if (!isBad) {
        clean++;
      }
    }
    assertEquals(8, clean);
    assertEquals(
        HarRv.fit(c[0], c[1], c[2], c[3]), HarRv.fit(mixed[0], mixed[1], mixed[2], mixed[3]));
  }

  // ---------------------------------------------------------------- recovery on simulated data

  @Test
  void fit_simulatedHarProcess_recoversCoefficientsWithinFourStandardErrors() {
    // Daily log RV generated by the HAR recursion of Corsi (2009) with typical coefficients
    // (bd 0.4, bw 0.3, bm 0.2: persistence 0.9) and normal log errors s = 0.5:
    //   log RV_{t+1} = −0.8 + 0.4 log RV_t + 0.3 log((1/7)Σ_{i<7} RV_{t−i})
    //                 + 0.2 log((1/30)Σ_{i<30} RV_{t−i}) + 0.5 u_t.
    // The regression is then correctly specified, so OLS is consistent and each estimate lies
    // within four of its own standard errors except with probability 6e-5.
    double b0 = -0.8;
    double bd = 0.4;
    double bw = 0.3;
    double bm = 0.2;
    double s = 0.5;
    int n = 20_000;
    int burnIn = 500;
    Random rng = new Random(2009);
    int total = burnIn + n + 31;
    double[] rv = new double[total];
    for (int t = 0; t < 30; t++) {
      rv[t] = Math.exp(-8 + s * rng.nextGaussian());
    }
    for (int t = 29; t < total - 1; t++) {
      rv[t + 1] =
          Math.exp(
              b0
                  + bd * Math.log(rv[t])
                  + bw * Math.log(mean(rv, t, 7))
                  + bm * Math.log(mean(rv, t, 30))
                  + s * rng.nextGaussian());
    }
    double[] d = new double[n];
    double[] w = new double[n];
    double[] m = new double[n];
    double[] target = new double[n];
    for (int i = 0; i < n; i++) {
      int t = burnIn + 29 + i;
      d[i] = rv[t];
      w[i] = mean(rv, t, 7);
      m[i] = mean(rv, t, 30);
      target[i] = rv[t + 1];
    }
    HarRvFit fit = HarRv.fit(d, w, m, target);
    assertEquals(n, fit.observationCount());
    assertEquals(b0, fit.b0(), 4 * fit.b0StandardError(), fit.toString());
    assertEquals(bd, fit.bd(), 4 * fit.bdStandardError(), fit.toString());
    assertEquals(bw, fit.bw(), 4 * fit.bwStandardError(), fit.toString());
    assertEquals(bm, fit.bm(), 4 * fit.bmStandardError(), fit.toString());
    // the standard errors are informative, so the bounds above are not vacuous
    assertTrue(
        fit.bdStandardError() < 0.02
            && fit.bwStandardError() < 0.05
            && fit.bmStandardError() < 0.05,
        fit.toString());
    // s² = 0.25; its estimate has standard error s² sqrt(2/n) = 0.0025
    assertEquals(s * s, fit.residualVariance(), 0.0125);

    // The log-normal correction makes the variance forecast unbiased for RV itself: the mean
    // realised target over mean forecast is 1 up to sampling noise (the CV of exp(0.5 u) is 0.53,
    // so the ratio has a standard error of about 0.53/√n · 1.5 < 0.006), whereas exp(log forecast)
    // alone falls short by exp(s²/2) = 1.133.
    double realised = 0;
    double corrected = 0;
    double median = 0;
    for (int i = 0; i < n; i++) {
      realised += target[i];
      corrected += fit.forecastVariance(d[i], w[i], m[i]);
      median += Math.exp(fit.forecastLog(d[i], w[i], m[i]));
    }
    assertEquals(1, realised / corrected, 0.03);
    assertEquals(Math.exp(s * s / 2), realised / median, 0.04);
  }

  private static double mean(double[] x, int end, int window) {
    double sum = 0;
    for (int i = end - window + 1; i <= end; i++) {
      sum += x[i];
    }
    return sum / window;
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void fit_tooFewUsableRows_refusedWithMinimum() {
    double[][] c = factorial();
    for (int i = HarRv.MIN_ROWS - 1; i < 8; i++) {
      c[3][i] = Double.NaN;
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HarRv.fit(c[0], c[1], c[2], c[3]));
    assertTrue(e.getMessage().contains("at least " + HarRv.MIN_ROWS), e.getMessage());
  }

  @Test
  void fit_badInput_refused() {
    double[][] c = factorial();
    assertThrows(IllegalArgumentException.class, () -> HarRv.fit(c[0], c[1], c[2], new double[7]));
    double[] infinite = c[3].clone();
    infinite[2] = Double.POSITIVE_INFINITY;
    assertThrows(IllegalArgumentException.class, () -> HarRv.fit(c[0], c[1], c[2], infinite));
    // weekly = monthly: collinear regressors
    assertThrows(IllegalArgumentException.class, () -> HarRv.fit(c[0], c[1], c[1], c[3]));
    // a constant target leaves R² undefined
    double[] constant = new double[8];
    Arrays.fill(constant, 2.0);
    assertThrows(IllegalArgumentException.class, () -> HarRv.fit(c[0], c[1], c[2], constant));
    assertThrows(NullPointerException.class, () -> HarRv.fit(null, c[1], c[2], c[3]));
    HarRvFit fit = HarRv.fit(c[0], c[1], c[2], c[3]);
    assertThrows(IllegalArgumentException.class, () -> fit.forecastLog(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> fit.forecastVariance(1, Double.NaN, 1));
  }
}
