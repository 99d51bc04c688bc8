package io.liqopt.core.simulation;

import io.liqopt.core.stats.Quantiles;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The liquidation threshold at a venue's insolvency tolerance, from simulated paths (DESIGN.md,
 * "Stochastic calibration"). A position sits exactly at LT at hour 0: collateral worth V, debt
 * {@code D = LT·V}. The liquidator acts after {@code latencyHours} and sells over {@code exitHours}
 * hourly slices; the sale is valued at the lowest low of the exposure window {@code [0, latency +
 * exit)} less the square-root impact of a slice, {@code s = k·sqrt(D (1 + b) / exit)}. The path is
 * insolvent when the proceeds do not cover the repaid debt plus bonus, {@code V e^{m}(1 − s) < D (1
 * + b)}, m the lowest log low: {@code P_insolvency(LT)} is the share of such paths, non-decreasing
 * in LT on the same paths (common random numbers). {@code LT*} is the largest LT with {@code P ≤
 * ε}, found by bisection; with no latency and no impact it is exactly {@code (1 − X_{1−ε})/(1 +
 * b)}, X the paths' own adverse-move quantile over the window — the analytic formula of the policy.
 * Paths are added (doubling) until the Wilson interval of P at LT* is tight enough.
 */
public final class ThresholdCalibrator {
  private static final double Z95 = 1.959963984540054;
  private static final int BISECTIONS = 60;

  private ThresholdCalibrator() {}

  /**
   * How the liquidation plays out.
   *
   * @param latencyHours hours before the liquidator acts
   * @param exitHours hours (slices) the sale takes, at least 1
   * @param bonus b
   * @param impactScale k of {@code k·sqrt(q)}, q a slice's value in the quote currency (0: none)
   * @param positionValueQuote V
   */
  public record Liquidation(
      int latencyHours, int exitHours, double bonus, double impactScale, double positionValueQuote)
      implements java.io.Serializable {

    public Liquidation {
      if (latencyHours < 0
          || exitHours < 1
          || !(bonus >= 0 && bonus < 1)
          || !(impactScale >= 0)
          || !(positionValueQuote > 0)) {
        throw new IllegalArgumentException("bad liquidation model: " + this);
      }
    }

    /** The exposure window, hours. */
    public int windowHours() {
      return latencyHours + exitHours;
    }

    /** The slippage of a slice at threshold {@code lt}. */
    public double slippage(double lt) {
      return Math.min(
          0.99, impactScale * Math.sqrt(lt * positionValueQuote * (1 + bonus) / exitHours));
    }
  }

  /**
   * The calibrated threshold.
   *
   * @param epsilon the tolerance ε
   * @param lt LT*
   * @param probability P_insolvency(LT*) on the paths
   * @param wilsonLow the 95 % Wilson interval of that probability
   * @param wilsonHigh see above
   * @param paths paths used
   * @param analyticLt {@code (1 − X_{1−ε})(1 − s)/(1 + b)} from the same paths' adverse-move
   *     quantile over the window, s at LT*
   * @param adverseMoveQuantile X_{1−ε} over the window
   */
  public record Calibration(
      double epsilon,
      double lt,
      double probability,
      double wilsonLow,
      double wilsonHigh,
      int paths,
      double analyticLt,
      double adverseMoveQuantile) {}

  /** The share of {@code paths}' windows that leave the position at {@code lt} insolvent. */
  public static double insolvencyProbability(double[] sortedMinLogLow, Liquidation liq, double lt) {
    double threshold = Math.log(lt * (1 + liq.bonus()) / (1 - liq.slippage(lt)));
    return (double) countBelow(sortedMinLogLow, threshold) / sortedMinLogLow.length;
  }

  /**
   * Calibrates LT* on the paths {@code simulate} gives for a path count, starting at {@code
   * initialPaths} and doubling up to {@code maxPaths} until the Wilson half-width is at most {@code
   * relativeTolerance·ε} (or the paths run out).
   *
   * @param asset the asset's index in the paths
   */
  public static Calibration calibrate(
      IntFunction<Paths> simulate,
      int asset,
      Liquidation liq,
      double epsilon,
      int initialPaths,
      int maxPaths,
      double relativeTolerance) {
    if (!(epsilon > 0 && epsilon < 0.5)) {
      throw new IllegalArgumentException("epsilon must be in (0, 0.5), was " + epsilon);
    }
    int n = initialPaths;
    while (true) {
      Calibration c = calibrate(simulate.apply(n), asset, liq, epsilon);
      double half = (c.wilsonHigh() - c.wilsonLow()) / 2;
      if (half <= relativeTolerance * epsilon || n >= maxPaths) {
        return c;
      }
      n = (int) Math.min(maxPaths, 2L * n);
    }
  }

  /** Calibrates LT* on given paths. */
  public static Calibration calibrate(Paths paths, int asset, Liquidation liq, double epsilon) {
    if (liq.windowHours() > paths.hours()) {
      throw new IllegalArgumentException(
          "the exposure window ("
              + liq.windowHours()
              + " h) is longer than the paths ("
              + paths.hours()
              + " h)");
    }
    double[] m = sortedMinLogLow(paths, asset, liq.windowHours());
    double lo = 1e-6;
    double hi = 1 - 1e-9;
    if (insolvencyProbability(m, liq, lo) > epsilon) {
      hi = lo;
    } else {
      for (int i = 0; i < BISECTIONS; i++) {
        double mid = (lo + hi) / 2;
        if (insolvencyProbability(m, liq, mid) <= epsilon) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
    }
    double lt = lo;
    double p = insolvencyProbability(m, liq, lt);
    double[] w = wilson(p, m.length);
    double x = 1 - Math.exp(Quantiles.ofSorted(m, epsilon));
    double analytic = (1 - x) * (1 - liq.slippage(lt)) / (1 + liq.bonus());
    return new Calibration(epsilon, lt, p, w[0], w[1], m.length, analytic, x);
  }

  /** The lowest log low over the first {@code window} hours of every path, sorted. */
  static double[] sortedMinLogLow(Paths paths, int asset, int window) {
    double[] m = new double[paths.paths()];
    for (int p = 0; p < m.length; p++) {
      m[p] = paths.minLogLow(asset, p, 0, window);
    }
    Arrays.sort(m);
    return m;
  }

  /** Values strictly below {@code x} in a sorted array. */
  static int countBelow(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The 95 % Wilson score interval of a proportion p̂ of n (Wilson 1927, JASA 22(158)). */
  public static double[] wilson(double p, int n) {
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
