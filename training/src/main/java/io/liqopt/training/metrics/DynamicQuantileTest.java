package io.liqopt.training.metrics;

import io.liqopt.core.Checks;
import java.util.Arrays;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Engle and Manganelli's dynamic quantile (DQ) test of a quantile forecast: with hits I_t =
 * 1{realised_t &gt; forecast α-quantile q_t}, nominal rate p = 1 − α and Hit_t = I_t − p, regress
 *
 * <pre>
 *   Hit_t = β_0 + Σ_{k=0..K−1} β_{k+1} Hit_{t−m−k} + β_{K+1} q_t + u_t
 * </pre>
 *
 * with first lag m and K lagged hits; a correct forecast makes every regressor orthogonal to Hit_t.
 * With X the n × (K + 2) matrix of the regressors and Hit the vector of the n observations whose
 * lagged hits are all in the sample,
 *
 * <pre>
 *   DQ = Hitᵀ X (XᵀX)⁻¹ Xᵀ Hit / (p (1 − p))   ~ χ²(K + 2) under H0.
 * </pre>
 *
 * <p><b>Overlapping windows.</b> For hits of h-step windows sampled every step, Hit_{t−k} with k
 * &lt; h is not known when q_t is issued and is correlated with Hit_t by construction, so the lags
 * start at m = h ({@link Design#forHorizon}: m = h, K = 4). The χ²(K + 2) law of DQ also assumes
 * that Hit_t is a martingale difference, whose variance given the regressors is p(1 − p); with
 * overlap it is not (the constant alone turns DQ into the naive all-hours coverage test). The
 * result therefore also carries a HAC (Wald) form, which replaces p(1 − p) XᵀX by the Newey–West
 * covariance of the scores x_t û_t at Bartlett lag L (default 2h):
 *
 * <pre>
 *   β̂ = (XᵀX)⁻¹ Xᵀ Hit,   û_t = Hit_t − x_tᵀ β̂,   g_t = x_t û_t,
 *   Ŝ = Σ_t g_t g_tᵀ + Σ_{j=1..L} (1 − j/(L+1)) Σ_t (g_t g_{t−j}ᵀ + g_{t−j} g_tᵀ),
 *   DQ_HAC = (Xᵀ Hit)ᵀ Ŝ⁻¹ (Xᵀ Hit)   ~ χ²(K + 2) under H0,
 * </pre>
 *
 * the Wald statistic of β = 0 in statsmodels' {@code OLS(Hit, X).fit(cov_type="HAC",
 * cov_kwds={"maxlags": L, "use_correction": False})}, which it is tested against. Both are
 * asymptotic: with rare hits (p = 0.01) and long overlap few pairs of hits h apart exist, and both
 * reject a correct forecast far more often than their level ({@code scripts/coverage-size-power.py}
 * measures it); with h = 1 DQ is the test of the paper.
 *
 * <p>Lags are in positions (e.g. series rows), not array indices: an observation enters only if the
 * observations m..m+K−1 positions before it are in the sample, so a gap never pairs a hit with the
 * wrong lag. The HAC sum runs over consecutive observations of the regression. Both statistics are
 * invariant to rescaling a regressor, so X is computed with unit-norm columns; a statistic is null
 * when X is collinear on the sample (e.g. no hit among the lagged hits, a constant forecast) or Ŝ
 * is singular.
 *
 * <p>Source: R. F. Engle and S. Manganelli (2004), "CAViaR: Conditional Autoregressive Value at
 * Risk by Regression Quantiles", Journal of Business and Economic Statistics 22(4), 367–381
 * (section 6, the DQ test); W. K. Newey and K. D. West (1987), Econometrica 55(3), 703–708 (Ŝ).
 *
 * <p>Stateless and thread-safe.
 */
public final class DynamicQuantileTest {
  /** K = 4 lagged hits by default, as in Engle and Manganelli's applications. */
  public static final int DEFAULT_LAG_COUNT = 4;

  /** |R_ii| below this (X with unit-norm columns) means collinear regressors. */
  private static final double COLLINEAR = 1e-10;

  /** A HAC covariance with a condition number above this is treated as singular. */
  private static final double MAX_CONDITION = 1e12;

  private DynamicQuantileTest() {}

  /**
   * Which lags enter the test.
   *
   * @param firstLag the first lag m of the hits regressed on, &ge; 1
   * @param lagCount the number K of lagged hits, &ge; 0
   * @param hacLag the Bartlett truncation lag L of the HAC form, &ge; 0
   */
  public record Design(int firstLag, int lagCount, int hacLag) {
    public Design {
      Checks.positive(firstLag, "firstLag");
      if (lagCount < 0 || hacLag < 0) {
        throw new IllegalArgumentException(
            "lagCount and hacLag must be non-negative, were " + lagCount + " and " + hacLag);
      }
    }

    /** For hits of h-step windows sampled every step: m = h, K = 4, L = 2h. */
    public static Design forHorizon(int horizonSteps) {
      return new Design(horizonSteps, DEFAULT_LAG_COUNT, HitRateTest.defaultLag(horizonSteps));
    }
  }

  /** The test on consecutive observations (positions 0..n−1). */
  public static DynamicQuantileResult test(
      boolean[] hits, double[] quantileForecast, double expectedRate, Design design) {
    long[] position = new long[SampleChecks.nonEmpty(hits, "hits").length];
    Arrays.setAll(position, i -> i);
    return test(hits, quantileForecast, position, expectedRate, design);
  }

  /**
   * Runs the test (formulas in the class javadoc).
   *
   * @param hits I_t in time order
   * @param quantileForecast q_t, finite, same length
   * @param position the position of each observation (series row), strictly increasing
   * @param expectedRate the nominal hit probability p, in (0, 1)
   * @param design the lags
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, positions not
   *     increasing, p outside (0, 1), no more usable observations than regressors, or a HAC lag not
   *     below their number
   */
  public static DynamicQuantileResult test(
      boolean[] hits,
      double[] quantileForecast,
      long[] position,
      double expectedRate,
      Design design) {
    SampleChecks.nonEmpty(hits, "hits");
    SampleChecks.finite(quantileForecast, "quantileForecast");
    SampleChecks.sameLength(hits.length, "hits", quantileForecast.length, "quantileForecast");
    SampleChecks.sameLength(hits.length, "hits", position.length, "position");
    for (int t = 1; t < position.length; t++) {
      if (position[t] <= position[t - 1]) {
        throw new IllegalArgumentException("positions must increase, at index " + t);
      }
    }
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    int[][] rows = usableRows(position, design);
    int n = rows.length;
    int regressors = design.lagCount() + 2;
    if (n <= regressors || design.hacLag() >= n) {
      throw new IllegalArgumentException(
          n
              + " usable observations are too few for "
              + regressors
              + " regressors and HAC lag "
              + design.hacLag());
    }
    double[] hit = new double[n];
    int hitCount = 0;
    for (int r = 0; r < n; r++) {
      hit[r] = (hits[rows[r][0]] ? 1d : 0d) - expectedRate;
      hitCount += hits[rows[r][0]] ? 1 : 0;
    }
    RealMatrix x = regressors(hits, quantileForecast, rows, expectedRate);
    Double dq = null;
    Double hac = null;
    DecompositionSolver ols = new QRDecomposition(x, COLLINEAR).getSolver();
    if (ols.isNonSingular()) {
      RealVector y = MatrixUtils.createRealVector(hit);
      RealVector fitted = x.operate(ols.solve(y));
      dq = fitted.dotProduct(fitted) / (expectedRate * (1 - expectedRate));
      hac = hacWald(x, y, y.subtract(fitted), design.hacLag());
    }
    return new DynamicQuantileResult(
        n,
        hitCount,
        expectedRate,
        design.firstLag(),
        design.lagCount(),
        design.hacLag(),
        regressors,
        dq,
        dq == null ? null : PValues.chiSquaredUpperTail(dq, regressors),
        hac,
        hac == null ? null : PValues.chiSquaredUpperTail(hac, regressors));
  }

  /**
   * The observations with all their lagged hits in the sample: per row, the index of t and then of
   * t − m, ..., t − m − K + 1.
   */
  private static int[][] usableRows(long[] position, Design design) {
    int lags = design.lagCount();
    int[][] rows = new int[position.length][];
    int n = 0;
    for (int t = 0; t < position.length; t++) {
      int[] row = new int[lags + 1];
      row[0] = t;
      boolean usable = true;
      for (int k = 0; k < lags && usable; k++) {
        row[k + 1] = Arrays.binarySearch(position, 0, t, position[t] - design.firstLag() - k);
        usable = row[k + 1] >= 0;
      }
      if (usable) {
        rows[n++] = row;
      }
    }
    return Arrays.copyOf(rows, n);
  }

  /** X = (1, Hit_{t−m}, ..., Hit_{t−m−K+1}, q_t), each column scaled to unit norm. */
  private static RealMatrix regressors(
      boolean[] hits, double[] quantile, int[][] rows, double expectedRate) {
    int n = rows.length;
    int lags = rows[0].length - 1;
    double[][] x = new double[n][lags + 2];
    for (int r = 0; r < n; r++) {
      x[r][0] = 1d;
      for (int k = 0; k < lags; k++) {
        x[r][k + 1] = (hits[rows[r][k + 1]] ? 1d : 0d) - expectedRate;
      }
      x[r][lags + 1] = quantile[rows[r][0]];
    }
    for (int c = 0; c < lags + 2; c++) {
      double norm = 0;
      for (double[] row : x) {
        norm = Math.hypot(norm, row[c]);
      }
      // a zero column (all forecasts 0) stays zero and makes X singular
      for (double[] row : x) {
        row[c] = norm > 0 ? row[c] / norm : 0d;
      }
    }
    return MatrixUtils.createRealMatrix(x);
  }

  /** (Xᵀ Hit)ᵀ Ŝ⁻¹ (Xᵀ Hit) of the class javadoc, or null if Ŝ is singular. */
  private static Double hacWald(RealMatrix x, RealVector hit, RealVector residual, int lag) {
    int n = x.getRowDimension();
    int q = x.getColumnDimension();
    double[][] g = new double[n][q];
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < q; c++) {
        g[t][c] = x.getEntry(t, c) * residual.getEntry(t);
      }
    }
    double[][] s = new double[q][q];
    for (int j = 0; j <= lag; j++) {
      double w = j == 0 ? 0.5 : NeweyWest.bartlettWeight(j, lag);
      for (int t = j; t < n; t++) {
        for (int a = 0; a < q; a++) {
          for (int b = 0; b < q; b++) {
            // Γ_j and Γ_jᵀ together; j = 0 counted once through the weight 1/2
            s[a][b] += w * (g[t][a] * g[t - j][b] + g[t - j][a] * g[t][b]);
          }
        }
      }
    }
    SingularValueDecomposition svd =
        new SingularValueDecomposition(MatrixUtils.createRealMatrix(s));
    if (!(svd.getConditionNumber() < MAX_CONDITION)) {
      return null;
    }
    RealVector score = x.transpose().operate(hit);
    double wald = score.dotProduct(svd.getSolver().solve(score));
    return Double.isFinite(wald) ? Math.max(0d, wald) : null;
  }
}
