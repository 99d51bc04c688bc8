package io.liqopt.core.forecast.baseline;

import java.util.Objects;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.special.Gamma;

/**
 * Maximum-likelihood estimation of GARCH(1,1) with standardised Student-t innovations (Bollerslev
 * 1986, J. Econometrics 31(3); Bollerslev 1987, Rev. Econ. Stat. 69(3)); the model and its symbols
 * are described in {@link GarchTParams}.
 *
 * <p><b>Likelihood.</b> With ε_t = r_t − μ, the log-likelihood of r_1..r_n is Σ_t ℓ_t with
 *
 * <pre>
 *   ℓ_t = logΓ((ν+1)/2) − logΓ(ν/2) − ½ log(π(ν−2)) − ½ log σ²_t
 *         − ((ν+1)/2) · log(1 + ε²_t / ((ν−2) σ²_t)),
 * </pre>
 *
 * the log density of a Student-t with ν degrees of freedom scaled to variance σ²_t (Bollerslev
 * 1987). The recursion starts from σ²_1 = (1/n) Σ_t (r_t − μ)², the sample variance about μ (as
 * rugarch does by default; its influence decays like (α + β)^t). The logΓ terms are computed once
 * per evaluation (Hipparchus {@link Gamma#logGamma}), and log(1 + x) with {@link Math#log1p}.
 *
 * <p><b>Optimisation.</b> Powell's BOBYQA (Hipparchus {@link BOBYQAOptimizer}, bound-constrained,
 * derivative-free) maximises the likelihood of the returns scaled to unit mean square, so that
 * every parameter is of order one whatever the asset; ω and μ are mapped back (ω = ω_scaled · s², μ
 * = μ_scaled · s). The search runs over a box that enforces the constraints:
 *
 * <ul>
 *   <li>log(ω / s²) ∈ [ln 1e-9, ln 10] (ω itself rather than the unconditional variance ω̄ = ω/(1 −
 *       α − β): near α + β = 1, where real hourly crypto returns sit, ω̄ is ill-determined and a
 *       search over it crawls along a curved valley; the likelihood is smooth in ω);
 *   <li>persistence p = α + β ∈ [0, {@link #MAX_PERSISTENCE}] and α's share a = α / p ∈ [0, 1];
 *   <li>η = 1/ν ∈ [1/200, 1/2.05] (1/ν keeps the box well scaled; ν = 200 is all but normal);
 *   <li>μ / s within ±1 of the sample mean / s, when μ is estimated.
 * </ul>
 *
 * It starts from three fixed points (p, a) ∈ {(0.95, 0.1), (0.98, 0.05), (0.8, 0.3)} with ω = s²(1
 * − p) (so ω̄ = s²), ν = 8 and keeps the best, so the fit is deterministic. A start that exhausts
 * its evaluation budget is dropped; a returned fit has converged (BOBYQA's trust region shrank to
 * 1e-7).
 *
 * <p>Stateless and thread-safe.
 */
public final class GarchT {
  /**
   * The fewest returns {@link #fit} accepts: about ten days of hourly data. Below a few hundred
   * observations α, β and ν are barely identified; a 30-day hourly block (720) is comfortably
   * above.
   */
  public static final int MIN_OBSERVATIONS = 250;

  /**
   * The largest persistence α + β the fit allows (stationarity needs below 1). Real hourly crypto
   * returns are often fitted at this bound (IGARCH-like: BTC, ETH and DOGE 2021-2025 all were); the
   * unconditional variance is then a poorly determined large number, but forecasts over up to a few
   * hundred hours are governed by σ²_{t+1|t}, as for a random walk in variance.
   */
  public static final double MAX_PERSISTENCE = 0.9999;

  private static final double MIN_NU = 2.05;
  private static final double MAX_NU = 200;

  /** Bounds on log(ω / s²). */
  private static final double MIN_LOG_SCALED_OMEGA = Math.log(1e-9);

  private static final double MAX_LOG_SCALED_OMEGA = Math.log(10);

  /** Bound on |μ − sample mean| in sample standard deviations. */
  private static final double MEAN_BOUND_SCALED = 1;

  private static final double INITIAL_TRUST_RADIUS = 0.05;
  private static final double STOPPING_TRUST_RADIUS = 1e-7;

  /** Starting (persistence, α share) pairs. */
  private static final double[][] STARTS = {{0.95, 0.1}, {0.98, 0.05}, {0.8, 0.3}};

  private static final double START_NU = 8;

  private GarchT() {}

  /**
   * Fits the model to {@code returns} (one asset's log returns per step, oldest first, without
   * gaps) by maximum likelihood.
   *
   * @throws IllegalArgumentException if there are fewer than {@link #MIN_OBSERVATIONS} returns, a
   *     return is not finite, or the returns do not vary
   * @throws IllegalStateException if the optimiser converges from none of its starts within {@code
   *     options.maxEvaluationsPerStart()} evaluations
   */
  public static GarchTFit fit(double[] returns, GarchFitOptions options) {
    Objects.requireNonNull(options, "options");
    requireFinite(returns);
    int n = returns.length;
    if (n < MIN_OBSERVATIONS) {
      throw new IllegalArgumentException(
          "GARCH(1,1)-t needs at least " + MIN_OBSERVATIONS + " returns, got " + n);
    }
    boolean estimateMean = options.estimateMean();
    double mean = estimateMean ? sampleMean(returns) : 0;
    double meanSquare = meanSquareAbout(returns, mean);
    double scale = Math.sqrt(meanSquare);
    double[] scaled = new double[n];
    for (int t = 0; t < n; t++) {
      scaled[t] = returns[t] / scale;
    }
    double scaledMean = mean / scale;
    Optimum best =
        maximiseLikelihood(scaled, estimateMean, scaledMean, options.maxEvaluationsPerStart());

    GarchTParams s = scaledParams(best.point().getPoint());
    GarchTParams params =
        new GarchTParams(s.omega() * meanSquare, s.alpha(), s.beta(), s.nu(), s.mu() * scale);
    double[] standardised = new double[n];
    double logLikelihood = logLikelihoodPass(params, returns, standardised);
    GarchTState last = lastState(params, returns);
    return new GarchTFit(params, last, logLikelihood, n, best.evaluations(), standardised);
  }

  /** The best optimum of the multi-start search and the evaluations it took. */
  private record Optimum(PointValuePair point, int evaluations) {}

  /** (1/n) Σ r_t, the sample mean about which μ is searched. */
  private static double sampleMean(double[] returns) {
    double mean = 0;
    for (double r : returns) {
      mean += r;
    }
    return mean / returns.length;
  }

  /**
   * s² = (1/n) Σ (r_t − mean)², the scale the returns are divided by so that every parameter of the
   * search is of order one.
   *
   * @throws IllegalArgumentException if the returns do not vary
   */
  private static double meanSquareAbout(double[] returns, double mean) {
    double meanSquare = 0;
    for (double r : returns) {
      meanSquare += (r - mean) * (r - mean);
    }
    meanSquare /= returns.length;
    if (!(meanSquare > 0)) {
      throw new IllegalArgumentException("returns do not vary: GARCH needs a positive variance");
    }
    return meanSquare;
  }

  /**
   * Maximises the likelihood of the unit-scaled returns by BOBYQA from each of {@link #STARTS}
   * within the box of the class comment, and keeps the best converged optimum.
   *
   * @throws IllegalStateException if no start converges within {@code maxEvaluationsPerStart}
   */
  private static Optimum maximiseLikelihood(
      double[] scaled, boolean estimateMean, double scaledMean, int maxEvaluationsPerStart) {
    int dim = estimateMean ? 5 : 4;
    SimpleBounds bounds = searchBounds(estimateMean, scaledMean);
    ObjectiveFunction negativeLogLikelihood =
        new ObjectiveFunction(x -> -logLikelihoodPass(scaledParams(x), scaled, null));
    PointValuePair best = null;
    int bestEvaluations = 0;
    MathIllegalStateException lastFailure = null;
    for (double[] start : STARTS) {
      double logOmega = Math.log(1 - start[0]);
      double[] x0 =
          estimateMean
              ? new double[] {logOmega, start[0], start[1], 1 / START_NU, scaledMean}
              : new double[] {logOmega, start[0], start[1], 1 / START_NU};
      BOBYQAOptimizer optimizer =
          new BOBYQAOptimizer(2 * dim + 1, INITIAL_TRUST_RADIUS, STOPPING_TRUST_RADIUS);
      try {
        PointValuePair candidate =
            optimizer.optimize(
                new MaxEval(maxEvaluationsPerStart),
                negativeLogLikelihood,
                GoalType.MINIMIZE,
                new InitialGuess(x0),
                bounds);
        if (best == null || candidate.getValue() < best.getValue()) {
          best = candidate;
          bestEvaluations = optimizer.getEvaluations();
        }
      } catch (MathIllegalStateException e) {
        lastFailure = e;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "GARCH(1,1)-t likelihood maximisation did not converge within "
              + maxEvaluationsPerStart
              + " evaluations from any of "
              + STARTS.length
              + " starts",
          lastFailure);
    }
    return new Optimum(best, bestEvaluations);
  }

  /** The search box over (log ω, p, a, η[, μ]) in scaled units; see the class comment. */
  private static SimpleBounds searchBounds(boolean estimateMean, double scaledMean) {
    double[] lower = {MIN_LOG_SCALED_OMEGA, 0, 0, 1 / MAX_NU};
    double[] upper = {MAX_LOG_SCALED_OMEGA, MAX_PERSISTENCE, 1, 1 / MIN_NU};
    if (estimateMean) {
      lower = new double[] {lower[0], lower[1], lower[2], lower[3], scaledMean - MEAN_BOUND_SCALED};
      upper = new double[] {upper[0], upper[1], upper[2], upper[3], scaledMean + MEAN_BOUND_SCALED};
    }
    return new SimpleBounds(lower, upper);
  }

  /**
   * The log-likelihood Σ_{t=1..n} ℓ_t of {@code returns} under {@code params} (formula in the class
   * comment), with σ²_1 the sample variance about μ.
   *
   * @throws IllegalArgumentException if returns is empty or holds a non-finite value
   */
  public static double logLikelihood(GarchTParams params, double[] returns) {
    Objects.requireNonNull(params, "params");
    requireFinite(returns);
    if (returns.length == 0) {
      throw new IllegalArgumentException("no returns");
    }
    return logLikelihoodPass(params, returns, null);
  }

  /** Parameters in the scaled units from the search vector (log ω, p, a, η[, μ]). */
  private static GarchTParams scaledParams(double[] x) {
    double persistence = x[1];
    return new GarchTParams(
        Math.exp(x[0]),
        persistence * x[2],
        persistence * (1 - x[2]),
        1 / x[3],
        x.length > 4 ? x[4] : 0);
  }

  /**
   * Runs the variance recursion over {@code r} and returns the log-likelihood; writes z_t into
   * {@code standardised} when it is not null.
   */
  private static double logLikelihoodPass(GarchTParams p, double[] r, double[] standardised) {
    int n = r.length;
    double mu = p.mu();
    double nu = p.nu();
    double constant =
        Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
    double tailExponent = (nu + 1) / 2;
    double inverseNuMinusTwo = 1 / (nu - 2);
    double variance = initialVariance(r, mu);
    double sumLogVariance = 0;
    double sumLogKernel = 0;
    double previousResidual = 0;
    for (int t = 0; t < n; t++) {
      if (t > 0) {
        variance = p.nextVariance(variance, previousResidual);
      }
      double residual = r[t] - mu;
      double squareOverVariance = residual * residual / variance;
      sumLogVariance += Math.log(variance);
      sumLogKernel += Math.log1p(squareOverVariance * inverseNuMinusTwo);
      if (standardised != null) {
        standardised[t] = residual / Math.sqrt(variance);
      }
      previousResidual = residual;
    }
    return n * constant - 0.5 * sumLogVariance - tailExponent * sumLogKernel;
  }

  /** σ²_n and ε_n at the end of the sample. */
  private static GarchTState lastState(GarchTParams p, double[] r) {
    double mu = p.mu();
    double variance = initialVariance(r, mu);
    for (int t = 1; t < r.length; t++) {
      variance = p.nextVariance(variance, r[t - 1] - mu);
    }
    return new GarchTState(p, variance, r[r.length - 1] - mu);
  }

  /** σ²_1 = (1/n) Σ (r_t − μ)². */
  private static double initialVariance(double[] r, double mu) {
    double sum = 0;
    for (double x : r) {
      sum += (x - mu) * (x - mu);
    }
    double variance = sum / r.length;
    if (!(variance > 0)) {
      throw new IllegalArgumentException("returns do not vary about mu = " + mu);
    }
    return variance;
  }

  private static void requireFinite(double[] returns) {
    Objects.requireNonNull(returns, "returns");
    for (int t = 0; t < returns.length; t++) {
      if (!Double.isFinite(returns[t])) {
        throw new IllegalArgumentException("return " + t + " must be finite, was " + returns[t]);
      }
    }
  }
}
