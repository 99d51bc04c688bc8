package io.liqopt.training.metrics;

import io.liqopt.core.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dynamic quantile (DQ) test that keeps its level when the hits are of h-step windows sampled
 * every step, as {@link DynamicQuantileTest} does not. The series splits into its h phases (phase
 * k: the rows whose position ≡ k mod h); within a phase consecutive windows do not overlap, so
 * under a correct forecast its hits are i.i.d. Bernoulli(p) given the forecasts, and lag j in phase
 * steps (j h rows) is known when q_t is issued. In each phase with more than K + 2 usable rows:
 *
 * <pre>
 *   DQ_k = ‖P_X Hit‖² / (p (1 − p)),   X = (1, q_t, Hit_{t−h}, ..., Hit_{t−K h}),
 *   Hit_t = I_t − p,
 * </pre>
 *
 * over the rows whose K lagged phase rows are in the sample ({@link PhaseRegression}: a regressor
 * in the span of the others, e.g. a lag without a hit, is dropped, so DQ_k is always defined and
 * the simulations use the same definition). Its p-value is Dufour's Monte Carlo test under H0: R
 * sequences of i.i.d. Bernoulli(p) hits on the same phase rows (same q_t, same gaps) give DQ_k^(r),
 * and with G = #{DQ_k^(r) &gt; DQ_k}, E = #{DQ_k^(r) = DQ_k} (within a relative {@link #TIE}) and V
 * uniform on (0, 1],
 *
 * <pre>
 *   p_k = (G + (E + 1) V) / (R + 1),
 * </pre>
 *
 * the randomised-tie form, exactly uniform under H0 (the statistic is discrete: hits are 0/1). The
 * h phases share hours of their windows, so the p_k are dependent; the Cauchy combination ({@link
 * CauchyCombination}) of the p_k with weights 1/h is valid under any dependence.
 *
 * <p>Simulations are seeded: by default the seed is a hash of the input (hits, forecasts,
 * positions, p and the design), so the same input always gives the same p-value; each phase draws
 * from its own stream. A draw costs O(n p K²) (hits are drawn by geometric gaps and the regression
 * is updated from counts), so R = 999 draws over 24 phases of five years of hours take
 * milliseconds.
 *
 * <p>Sources: R. F. Engle and S. Manganelli (2004), Journal of Business and Economic Statistics
 * 22(4), 367–381 (DQ); J.-M. Dufour (2006), "Monte Carlo tests with nuisance parameters", Journal
 * of Econometrics 133(2), 443–477 (Monte Carlo p-value, randomised ties); J. Berkowitz, P.
 * Christoffersen and D. Pelletier (2011), "Evaluating Value-at-Risk models with desk-level data",
 * Management Science 57(12), 2213–2227 (Monte Carlo DQ backtests); Y. Liu and J. Xie (2020), JASA
 * 115(529), 393–402 (combination).
 *
 * <p>Stateless and thread-safe.
 */
public final class PhaseDynamicQuantileTest {
  /** Simulated hit sequences per phase by default. */
  public static final int DEFAULT_DRAWS = 999;

  /** Simulated statistics within this relative distance of the observed one are ties. */
  public static final double TIE = 1e-9;

  private PhaseDynamicQuantileTest() {}

  /**
   * The test's design.
   *
   * @param horizonSteps h, the window length in steps: the number of phases, &ge; 1
   * @param lagCount K, the lagged hits in phase steps, &ge; 1
   * @param draws R, the simulated sequences per phase, &ge; 1
   */
  public record Design(int horizonSteps, int lagCount, int draws) {
    public Design {
      Checks.positive(horizonSteps, "horizonSteps");
      Checks.positive(lagCount, "lagCount");
      Checks.positive(draws, "draws");
    }

    /** h phases, K = 4, R = 999. */
    public static Design forHorizon(int horizonSteps) {
      return new Design(horizonSteps, DynamicQuantileTest.DEFAULT_LAG_COUNT, DEFAULT_DRAWS);
    }
  }

  /** The test seeded by {@link #seedOf} of the input. */
  public static PhaseDynamicQuantileResult test(
      boolean[] hits, double[] quantileForecast, long[] position, double rate, Design design) {
    check(hits, quantileForecast, position, rate);
    return test(
        hits,
        quantileForecast,
        position,
        rate,
        design,
        seedOf(hits, quantileForecast, position, rate, design));
  }

  /**
   * Runs the test (formulas in the class javadoc).
   *
   * @param hits I_t in time order
   * @param quantileForecast q_t, finite, same length
   * @param position the position of each observation (series row), strictly increasing
   * @param rate the nominal hit probability p, in (0, 1)
   * @param design h, K and R
   * @param seed the seed of the simulations
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, positions not
   *     increasing, p outside (0, 1), or no phase with more than K + 2 usable rows
   */
  public static PhaseDynamicQuantileResult test(
      boolean[] hits,
      double[] quantileForecast,
      long[] position,
      double rate,
      Design design,
      long seed) {
    check(hits, quantileForecast, position, rate);
    int h = design.horizonSteps();
    double[] phaseP = new double[h];
    int tested = 0;
    int n = 0;
    int hitCount = 0;
    for (int k = 0; k < h; k++) {
      Phase phase = phase(hits, quantileForecast, position, rate, design, k);
      PhaseRegression regression = phase.regression();
      if (regression.usableRows() <= design.lagCount() + 2) {
        continue;
      }
      n += regression.usableRows();
      hitCount += regression.usableHits(phase.hitRows(), phase.hitCount());
      SplittableRandom random = new SplittableRandom(mix(seed + k * 0x9E3779B97F4A7C15L));
      phaseP[tested++] =
          monteCarloPValue(
              regression, phase.hitRows(), phase.hitCount(), phase.rows(), rate, design, random);
    }
    if (tested == 0) {
      throw new IllegalArgumentException(
          "no phase has more than " + (design.lagCount() + 2) + " usable rows");
    }
    double[] p = Arrays.copyOf(phaseP, tested);
    double t = CauchyCombination.statistic(p);
    return new PhaseDynamicQuantileResult(
        n,
        hitCount,
        rate,
        h,
        design.lagCount(),
        tested,
        design.draws(),
        seed,
        t,
        CauchyCombination.upperTail(t),
        Arrays.stream(p).min().orElseThrow());
  }

  /**
   * Phase k: its regression, the phase rows (0..m−1) that are hits in hitRows[0..hitCount) (an
   * array of length m, reused for the draws) and m. A class, not a record: it owns mutable arrays.
   */
  static final class Phase {
    private final PhaseRegression regression;
    private final int[] hitRows;
    private final int hitCount;
    private final int rows;

    Phase(PhaseRegression regression, int[] hitRows, int hitCount, int rows) {
      this.regression = regression;
      this.hitRows = hitRows;
      this.hitCount = hitCount;
      this.rows = rows;
    }

    PhaseRegression regression() {
      return regression;
    }

    int[] hitRows() {
      return hitRows;
    }

    int hitCount() {
      return hitCount;
    }

    int rows() {
      return rows;
    }
  }

  /** Splits out phase k (position ≡ k mod h) with its steps (position div h). */
  static Phase phase(
      boolean[] hits,
      double[] quantileForecast,
      long[] position,
      double rate,
      Design design,
      int k) {
    int h = design.horizonSteps();
    int[] rows = phaseRows(position, h, k);
    long[] step = new long[rows.length];
    double[] q = new double[rows.length];
    int[] observed = new int[rows.length];
    int observedCount = 0;
    for (int i = 0; i < rows.length; i++) {
      step[i] = Math.floorDiv(position[rows[i]], h);
      q[i] = quantileForecast[rows[i]];
      if (hits[rows[i]]) {
        observed[observedCount++] = i;
      }
    }
    return new Phase(
        new PhaseRegression(step, q, design.lagCount(), rate),
        observed,
        observedCount,
        rows.length);
  }

  /** p_k of the class javadoc; {@code observed} is reused as the draws' work array. */
  static double monteCarloPValue(
      PhaseRegression phase,
      int[] observed,
      int observedCount,
      int phaseRows,
      double rate,
      Design design,
      SplittableRandom random) {
    double dq = phase.statistic(observed, observedCount);
    double tie = TIE * Math.max(1d, dq);
    int above = 0;
    int ties = 0;
    double logMiss = Math.log1p(-rate);
    int[] drawn = observed; // the observed hits are no longer needed
    for (int r = 0; r < design.draws(); r++) {
      int count = bernoulliRows(random, logMiss, phaseRows, drawn);
      double sim = phase.statistic(drawn, count);
      if (sim > dq + tie) {
        above++;
      } else if (sim >= dq - tie) {
        ties++;
      }
    }
    double v = 1 - random.nextDouble(); // (0, 1]
    return Math.min(1d, (above + (ties + 1) * v) / (design.draws() + 1));
  }

  /**
   * Draws i.i.d. Bernoulli(p) hits on rows 0..m−1 by geometric gaps (P(gap ≥ g) = (1 − p)^g) into
   * {@code out}; returns their number.
   */
  static int bernoulliRows(SplittableRandom random, double logMiss, int m, int[] out) {
    int count = 0;
    long row = -1;
    while (true) {
      double u = 1 - random.nextDouble(); // (0, 1]
      row += 1 + (long) Math.floor(Math.log(u) / logMiss);
      if (row >= m) {
        return count;
      }
      out[count++] = (int) row;
    }
  }

  /** The indices of the observations in phase k (position ≡ k mod h), in time order. */
  static int[] phaseRows(long[] position, int h, int k) {
    int count = 0;
    for (long pos : position) {
      count += Math.floorMod(pos, h) == k ? 1 : 0;
    }
    int[] rows = new int[count];
    int i = 0;
    for (int t = 0; t < position.length; t++) {
      if (Math.floorMod(position[t], h) == k) {
        rows[i++] = t;
      }
    }
    return rows;
  }

  /** A seed that depends on every input value: the same input gives the same p-value. */
  public static long seedOf(
      boolean[] hits, double[] quantileForecast, long[] position, double rate, Design design) {
    long s = mix(hits.length);
    for (int t = 0; t < hits.length; t++) {
      s = mix(s ^ (hits[t] ? 1 : 2));
      s = mix(s ^ Double.doubleToLongBits(quantileForecast[t]));
      s = mix(s ^ position[t]);
    }
    s = mix(s ^ Double.doubleToLongBits(rate));
    return mix(
        s
            ^ (((long) design.horizonSteps() << 40)
                ^ ((long) design.lagCount() << 32)
                ^ design.draws()));
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void check(
      boolean[] hits, double[] quantileForecast, long[] position, double rate) {
    SampleChecks.nonEmpty(hits, "hits");
    SampleChecks.finite(quantileForecast, "quantileForecast");
    SampleChecks.sameLength(hits.length, "hits", quantileForecast.length, "quantileForecast");
    SampleChecks.sameLength(hits.length, "hits", position.length, "position");
    for (int t = 1; t < position.length; t++) {
      if (position[t] <= position[t - 1]) {
        throw new IllegalArgumentException("positions must increase, at index " + t);
      }
    }
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + rate);
    }
  }
}
