package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;

class GarchTTest {
  /** Agreement of two evaluations of the same closed-form expression. */
  private static final double TOLERANCE = 1e-12;

  /** Hand-computed values are carried to 12 significant digits. */
  private static final double HAND_TOLERANCE = 1e-9;

  /**
   * The simulation truth of the issue: hourly vol about 0.7 % (ω̄ = 1e-6 / 0.02 = 5e-5), α + β =
   * 0.98, ν = 6.
   */
  private static final GarchTParams TRUTH = new GarchTParams(1e-6, 0.08, 0.90, 6, 0);

  private static final GarchTSimulator SIMULATOR = new GarchTSimulator(TRUTH);

  /*
   * Recovery tolerances at n = 20 000. The asymptotic standard errors of the MLE at TRUTH are about
   * 0.005 for α, 0.006 for β and 0.3 for ν (inverse information; six seeds of this simulator gave
   * spreads of 0.004, 0.005 and 0.27). The tolerances are 3-5 standard errors, so a correct
   * estimator fails them with negligible probability, while an estimator that ignored the fat
   * tails (ν → 200), the variance dynamics (α = β = 0) or confused α and β fails them at once.
   * ω̄ is estimated more loosely (persistence 0.98 makes the sample variance converge slowly:
   * spread about 8 %), hence 30 %.
   */
  private static final double ALPHA_TOLERANCE = 0.02;
  private static final double BETA_TOLERANCE = 0.03;
  private static final double NU_TOLERANCE = 1.5;
  private static final double UNCONDITIONAL_VARIANCE_RELATIVE_TOLERANCE = 0.30;

  // ---------------------------------------------------------------- log-likelihood, known values

  @Test
  void logLikelihood_tinySeries_matchesHandComputation() {
    // r = (0.01, -0.02, 0.015), ω = 1e-5, α = 0.1, β = 0.8, ν = 5, μ = 0.
    // constant c = lnΓ(3) − lnΓ(2.5) − ½ ln(3π) = ln 2 − ln(3√π/4) − ½ ln(3π)
    //            = 0.693147180560 − 0.284682870473 − 1.121671087259 = −0.713206777172
    // σ²_1 = (1e-4 + 4e-4 + 2.25e-4)/3 = 2.416666666667e-4
    // σ²_2 = 1e-5 + 0.1·1e-4 + 0.8·2.416666666667e-4 = 2.133333333333e-4
    // σ²_3 = 1e-5 + 0.1·4e-4 + 0.8·2.133333333333e-4 = 2.206666666667e-4
    // ℓ_t = c − ½ ln σ²_t − 3 ln(1 + ε²_t / (3 σ²_t)):
    //   ℓ_1 = c + 4.163975595889 − 3·ln(1 + 0.137931034483) = c + 4.163975595889 − 3·0.129211731480
    //       = 3.063133624277
    //   ℓ_2 = c + 4.226327335139 − 3·ln(1.625)              = c + 4.226327335139 − 3·0.485507815782
    //       = 2.056597110623
    //   ℓ_3 = c + 4.209428645348 − 3·ln(1.339879154079)     = c + 4.209428645348 − 3·0.292579426373
    //       = 2.618483589058
    // Σ = 7.738214323958
    GarchTParams p = new GarchTParams(1e-5, 0.1, 0.8, 5, 0);
    assertEquals(
        7.738214323958, GarchT.logLikelihood(p, new double[] {0.01, -0.02, 0.015}), HAND_TOLERANCE);
  }

  @Test
  void logLikelihood_nonZeroMean_usesResidualsAboutMu() {
    // as above with μ = 0.005: ε = (0.005, −0.025, 0.01), σ²_1 = (0.25 + 6.25 + 1)e-5/3 = 2.5e-4,
    // σ²_2 = 1e-5 + 0.1·2.5e-5 + 0.8·2.5e-4 = 2.125e-4, σ²_3 = 1e-5 + 0.1·6.25e-4 + 0.8·2.125e-4
    // = 2.425e-4; ℓ = 3.335448574410 + 1.465192855277 + 3.062662322005 = 7.863303751693
    GarchTParams p = new GarchTParams(1e-5, 0.1, 0.8, 5, 0.005);
    assertEquals(
        7.863303751693, GarchT.logLikelihood(p, new double[] {0.01, -0.02, 0.015}), HAND_TOLERANCE);
  }

  @Test
  void logLikelihood_simulatedSeries_equalsSumOfScaledHipparchusTLogDensities() {
    // Independent route: ε_t / (σ_t · k) with k = sqrt((ν−2)/ν) is a plain t_ν variable, so
    // ℓ_t = log f_ν(ε_t / (σ_t k)) − log(σ_t k), with f_ν from Hipparchus' TDistribution and σ²_t
    // from GarchTState.update, starting from the sample variance.
    GarchTParams p = new GarchTParams(2e-6, 0.1, 0.85, 4.5, 1e-4);
    double[] r = new GarchTSimulator(new GarchTParams(2e-6, 0.1, 0.85, 5, 1e-4)).returns(300, 11);
    double initial = 0;
    for (double x : r) {
      initial += (x - p.mu()) * (x - p.mu());
    }
    initial /= r.length;
    TDistribution t = new TDistribution(p.nu());
    double k = Math.sqrt((p.nu() - 2) / p.nu());
    GarchTState state = new GarchTState(p, initial, r[0] - p.mu());
    double expected = 0;
    for (int i = 0; i < r.length; i++) {
      if (i > 0) {
        state = state.update(r[i]);
      }
      double scale = Math.sqrt(state.variance()) * k;
      expected += t.logDensity(state.residual() / scale) - Math.log(scale);
    }
    assertEquals(expected, GarchT.logLikelihood(p, r), Math.abs(expected) * TOLERANCE);
  }

  // ---------------------------------------------------------------- parameter recovery

  @Test
  void fit_simulated20000_recoversParameters() {
    GarchTFit fit = GarchT.fit(SIMULATOR.returns(20_000, 1), GarchFitOptions.DEFAULT);
    assertRecovered(fit, 1);
  }

  @Test
  void fit_simulated40000_recoversParametersMoreTightly() {
    // twice the data: standard errors shrink by √2, and so do the tolerances
    GarchTFit fit = GarchT.fit(SIMULATOR.returns(40_000, 2), GarchFitOptions.DEFAULT);
    assertRecovered(fit, Math.sqrt(2));
    assertEquals(40_000, fit.observationCount());
  }

  @Test
  void fit_fiveSeeds_eachRecoveredAndAverageUnbiased() {
    // Each seed within tolerance; the average of five independent estimates has a standard error
    // √5 smaller (α: 0.0022, β: 0.0027, ν: 0.13), so a bias of the estimator beyond ~3 of those is
    // caught even when every single fit passes.
    int seeds = 5;
    double alphaSum = 0;
    double betaSum = 0;
    double nuSum = 0;
    for (long seed = 10; seed < 10 + seeds; seed++) {
      GarchTFit fit = GarchT.fit(SIMULATOR.returns(20_000, seed), GarchFitOptions.DEFAULT);
      assertRecovered(fit, 1);
      alphaSum += fit.params().alpha();
      betaSum += fit.params().beta();
      nuSum += fit.params().nu();
    }
    assertEquals(TRUTH.alpha(), alphaSum / seeds, 0.007);
    assertEquals(TRUTH.beta(), betaSum / seeds, 0.009);
    assertEquals(TRUTH.nu(), nuSum / seeds, 0.5);
  }

  @Test
  void fit_simulated_likelihoodAtLeastTruthsAndWithinChiSquareBound() {
    // The MLE maximises the likelihood, so it cannot be beaten by the true parameters on the same
    // data. Conversely 2(ℓ̂ − ℓ_true) is asymptotically χ²_4 (Wilks); P(χ²_4 > 30) ≈ 5e-6, so a
    // gap above 15 would mean the likelihood or the mapping back from scaled units is wrong.
    double[] r = SIMULATOR.returns(20_000, 3);
    GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT);
    double truthLogLikelihood = GarchT.logLikelihood(TRUTH, r);
    double gap = fit.logLikelihood() - truthLogLikelihood;
    assertTrue(gap >= 0, "fit " + fit.logLikelihood() + " below truth " + truthLogLikelihood);
    assertTrue(gap < 15, "likelihood gap " + gap);
    assertEquals(
        GarchT.logLikelihood(fit.params(), r),
        fit.logLikelihood(),
        Math.abs(fit.logLikelihood()) * TOLERANCE);
  }

  @Test
  void fit_estimatedMean_recoversMu() {
    // μ = 5e-4 per step against σ ≈ 7.1e-3: the standard error of μ̂ is at most σ/√n = 5e-5
    // (less, since the t likelihood down-weights outliers), so 2e-4 is four standard errors and
    // excludes μ̂ = 0.
    GarchTParams truth = new GarchTParams(1e-6, 0.08, 0.90, 6, 5e-4);
    double[] r = new GarchTSimulator(truth).returns(20_000, 4);
    GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT.withEstimatedMean());
    assertEquals(truth.mu(), fit.params().mu(), 2e-4);
    assertEquals(truth.alpha(), fit.params().alpha(), ALPHA_TOLERANCE);
    assertEquals(truth.beta(), fit.params().beta(), BETA_TOLERANCE);
    // the default keeps μ at exactly 0
    assertEquals(0, GarchT.fit(r, GarchFitOptions.DEFAULT).params().mu());
  }

  @Test
  void fit_scaledReturns_scaleOmegaOnly() {
    // GARCH is scale-equivariant: multiplying returns by c multiplies ω by c² and leaves α, β, ν
    // unchanged, and the log-likelihood drops by n·ln c (the Jacobian). The fit scales returns
    // internally, so both series go through the same optimisation up to rounding.
    double[] r = SIMULATOR.returns(5_000, 5);
    double c = 100;
    double[] scaled = Arrays.stream(r).map(x -> x * c).toArray();
    GarchTFit a = GarchT.fit(r, GarchFitOptions.DEFAULT);
    GarchTFit b = GarchT.fit(scaled, GarchFitOptions.DEFAULT);
    assertEquals(a.params().alpha(), b.params().alpha(), 1e-6);
    assertEquals(a.params().beta(), b.params().beta(), 1e-6);
    assertEquals(a.params().nu(), b.params().nu(), 1e-4);
    assertEquals(a.params().omega() * c * c, b.params().omega(), b.params().omega() * 1e-4);
    assertEquals(a.logLikelihood() - r.length * Math.log(c), b.logLikelihood(), 1e-4);
  }

  @Test
  void fit_nearlyIntegratedProcess_convergesAndRecoversPersistence() {
    // Persistence 0.9995, near the bound, where real hourly crypto fits sit: the search must still
    // converge. At n = 20 000 the persistence is pinned far more tightly than α or β separately
    // (the likelihood falls steeply as α + β moves away): 0.002 is about four standard errors.
    GarchTParams truth = new GarchTParams(2e-8, 0.10, 0.8995, 4, 0);
    GarchTFit fit =
        GarchT.fit(new GarchTSimulator(truth).returns(20_000, 12), GarchFitOptions.DEFAULT);
    assertEquals(truth.persistence(), fit.persistence(), 0.002, fit.toString());
    assertEquals(truth.alpha(), fit.params().alpha(), ALPHA_TOLERANCE, fit.toString());
    assertEquals(truth.nu(), fit.params().nu(), NU_TOLERANCE, fit.toString());
    assertTrue(fit.persistence() <= GarchT.MAX_PERSISTENCE);
  }

  @Test
  void fit_iidNormalReturns_findsNoDynamicsAndThinTails() {
    // GARCH-t nests i.i.d. normal returns (α = 0, ν → ∞). The shock coefficient must come out
    // near 0 (its standard error at α = 0 is about 1/√n = 0.007), ν at or near its bound of 200,
    // and the implied unconditional variance equal to the sample variance (both are the ML
    // estimate of the constant variance) to well within its 1 % standard error sqrt(2/n).
    Random rng = new Random(21);
    double[] r = new double[20_000];
    double meanSquare = 0;
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.01 * rng.nextGaussian();
      meanSquare += r[i] * r[i] / r.length;
    }
    GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT);
    assertTrue(fit.params().alpha() < 0.02, fit.toString());
    assertTrue(fit.params().nu() > 50, fit.toString());
    assertEquals(meanSquare, fit.unconditionalVariance(), meanSquare * 0.005, fit.toString());
  }

  @Test
  void fit_sameInput_sameFit() {
    double[] r = SIMULATOR.returns(2_000, 6);
    assertEquals(GarchT.fit(r, GarchFitOptions.DEFAULT), GarchT.fit(r, GarchFitOptions.DEFAULT));
  }

  @Test
  void fit_standardisedResiduals_unitVarianceAndConsistentWithLastState() {
    double[] r = SIMULATOR.returns(20_000, 7);
    GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT);
    double[] z = fit.standardisedResiduals();
    assertEquals(r.length, z.length);
    double meanSquare = Arrays.stream(z).map(x -> x * x).average().orElseThrow();
    // E z² = 1; with ν = 6 the sample mean of 20 000 z² has standard error sqrt((κ−1)/n) with
    // kurtosis κ = 3 + 6/(ν−4) = 6, i.e. 0.016, so 0.08 is five standard errors
    assertEquals(1, meanSquare, 0.08);
    int last = r.length - 1;
    assertEquals(r[last] - fit.params().mu(), fit.lastState().residual(), TOLERANCE);
    assertEquals(
        z[last], fit.lastState().residual() / Math.sqrt(fit.lastState().variance()), TOLERANCE);
    // the copy is defensive
    z[0] = 1e9;
    assertTrue(fit.standardisedResiduals()[0] < 1e9);
  }

  // ---------------------------------------------------------------- filtering

  @Test
  void update_knownState_appliesRecursion() {
    // σ²_t = 2e-4, ε_t = 0.02, then r = 0.01 (μ = 0):
    // σ²_{t+1} = 1e-5 + 0.1·4e-4 + 0.8·2e-4 = 2.1e-4, ε_{t+1} = 0.01
    GarchTState s = new GarchTState(new GarchTParams(1e-5, 0.1, 0.8, 5, 0), 2e-4, 0.02);
    GarchTState next = s.update(0.01);
    assertEquals(2.1e-4, next.variance(), TOLERANCE);
    assertEquals(0.01, next.residual(), TOLERANCE);
  }

  @Test
  void filter_inTwoChunks_equalsFilterAtOnceAndStepByStep() {
    double[] r = SIMULATOR.returns(1_000, 8);
    GarchTState start = new GarchTState(TRUTH, 5e-5, 0.003);
    GarchTState atOnce = start.filter(r);
    GarchTState chunked =
        start.filter(Arrays.copyOfRange(r, 0, 400)).filter(Arrays.copyOfRange(r, 400, r.length));
    GarchTState stepped = start;
    for (double x : r) {
      stepped = stepped.update(x);
    }
    assertEquals(atOnce.variance(), chunked.variance(), atOnce.variance() * TOLERANCE);
    assertEquals(atOnce.variance(), stepped.variance(), atOnce.variance() * TOLERANCE);
    assertEquals(r[r.length - 1], atOnce.residual(), TOLERANCE);
    assertEquals(start, start.filter(new double[0]));
  }

  @Test
  void filter_afterFit_continuesTheInSampleRecursion() {
    // Fitting on the first 3 000 returns and filtering the last 1 000 must give the σ² that the
    // fitted recursion reaches when run over all 4 000, from the same σ²_1
    double[] r = SIMULATOR.returns(4_000, 9);
    GarchTFit fit = GarchT.fit(Arrays.copyOfRange(r, 0, 3_000), GarchFitOptions.DEFAULT);
    GarchTState rolled = fit.filter(Arrays.copyOfRange(r, 3_000, r.length));
    double[] z = fit.standardisedResiduals();
    double firstVariance = Math.pow(r[0] / z[0], 2);
    GarchTState manual = new GarchTState(fit.params(), firstVariance, r[0]);
    for (int t = 1; t < r.length; t++) {
      manual = manual.update(r[t]);
    }
    assertEquals(manual.variance(), rolled.variance(), manual.variance() * 1e-9);
  }

  // ---------------------------------------------------------------- forecasts

  @Test
  void varianceForecastPath_knownState_matchesHandComputation() {
    // ω = 1e-5, α = 0.1, β = 0.8: ω̄ = 1e-5/0.1 = 1e-4, p = 0.9; σ²_{t+1|t} = 2.1e-4 as above.
    // σ²_{t+2|t} = 1e-4 + 0.9·1.1e-4 = 1.99e-4, σ²_{t+3|t} = 1e-4 + 0.81·1.1e-4 = 1.891e-4.
    // Σ_{k≤3} = 5.981e-4 = 3·1e-4 + 1.1e-4·(1 − 0.729)/0.1.
    GarchTState s = new GarchTState(new GarchTParams(1e-5, 0.1, 0.8, 5, 0), 2e-4, 0.02);
    assertArrayEquals(
        new double[] {2.1e-4, 1.99e-4, 1.891e-4}, s.varianceForecastPath(3), TOLERANCE);
    assertEquals(5.981e-4, s.cumulativeVarianceForecast(3), TOLERANCE);
  }

  @Test
  void varianceForecastPath_longHorizon_convergesMonotonicallyToUnconditionalVariance() {
    for (double startVariance : new double[] {1e-5, 5e-5, 4e-4}) {
      GarchTState s = new GarchTState(TRUTH, startVariance, 0.004);
      double[] path = s.varianceForecastPath(2_000);
      double target = TRUTH.unconditionalVariance();
      assertEquals(s.nextVariance(), path[0], TOLERANCE);
      // 0.98^1999 ≈ 3e-18: the last step sits on ω̄
      assertEquals(target, path[path.length - 1], target * 1e-12);
      for (int k = 1; k < path.length; k++) {
        assertTrue(
            Math.abs(path[k] - target) <= Math.abs(path[k - 1] - target),
            "step " + k + " moved away from the unconditional variance");
      }
    }
  }

  @Test
  void cumulativeVarianceForecast_oneStep_equalsNextVariance() {
    GarchTState s = new GarchTState(TRUTH, 8e-5, -0.01);
    assertEquals(s.nextVariance(), s.cumulativeVarianceForecast(1), s.nextVariance() * TOLERANCE);
  }

  @Test
  void cumulativeVarianceForecast_anyHorizon_equalsSumOfPath() {
    GarchTParams zeroPersistence = new GarchTParams(3e-5, 0, 0, 5, 0);
    for (GarchTParams p :
        new GarchTParams[] {TRUTH, zeroPersistence, new GarchTParams(1e-8, 0.05, 0.9499, 4, 0)}) {
      GarchTState s = new GarchTState(p, 2e-5, 0.01);
      for (int h : new int[] {1, 2, 24, 168, 720}) {
        double sum = Arrays.stream(s.varianceForecastPath(h)).sum();
        assertEquals(sum, s.cumulativeVarianceForecast(h), sum * 1e-11, p + " H=" + h);
      }
    }
  }

  // ---------------------------------------------------------------- innovation quantile

  @Test
  void innovationQuantile_knownTQuantile_rescaledToUnitVariance() {
    // t_5 0.975 quantile 2.570581835636 (R: qt(0.975, 5)), rescaled by sqrt((5−2)/5):
    // 2.570581835636 · 0.774596669241 = 1.991170
    GarchTParams p = new GarchTParams(1e-5, 0.1, 0.8, 5, 0);
    assertEquals(2.570581835636 * Math.sqrt(0.6), p.innovationQuantile(0.975), 1e-8);
    assertEquals(-p.innovationQuantile(0.99), p.innovationQuantile(0.01), 1e-8);
    // ν = 200: qt(0.975, 200) = 1.971896 (R), × sqrt(198/200) = 1.962012, within 0.003 of the
    // normal 1.959964 as a nearly normal innovation should be
    GarchTParams nearNormal = new GarchTParams(1e-5, 0.1, 0.8, 200, 0);
    assertEquals(1.971896 * Math.sqrt(0.99), nearNormal.innovationQuantile(0.975), 1e-6);
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void fit_tooShort_refusedWithMinimum() {
    double[] r = SIMULATOR.returns(GarchT.MIN_OBSERVATIONS - 1, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GarchT.fit(r, GarchFitOptions.DEFAULT));
    assertTrue(e.getMessage().contains(String.valueOf(GarchT.MIN_OBSERVATIONS)), e.getMessage());
  }

  @Test
  void fit_nonFiniteOrConstant_refused() {
    double[] r = SIMULATOR.returns(500, 1);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      double[] copy = r.clone();
      copy[123] = bad;
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> GarchT.fit(copy, GarchFitOptions.DEFAULT));
      assertTrue(e.getMessage().contains("123"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class, () -> GarchT.fit(new double[500], GarchFitOptions.DEFAULT));
    assertThrows(NullPointerException.class, () -> GarchT.fit(null, GarchFitOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> GarchT.logLikelihood(TRUTH, new double[0]));
  }

  @Test
  void params_invalid_refused() {
    assertThrows(IllegalArgumentException.class, () -> new GarchTParams(0, 0.1, 0.8, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new GarchTParams(1e-6, -0.1, 0.8, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new GarchTParams(1e-6, 0.2, 0.8, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new GarchTParams(1e-6, 0.1, 0.8, 2, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new GarchTParams(1e-6, 0.1, 0.8, Double.NaN, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new GarchTParams(1e-6, Double.NaN, 0.8, 5, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new GarchTParams(1e-6, 0.1, 0.8, 5, Double.NaN));
    GarchTState s = new GarchTState(TRUTH, 5e-5, 0);
    assertThrows(IllegalArgumentException.class, () -> s.varianceForecastPath(0));
    assertThrows(IllegalArgumentException.class, () -> s.cumulativeVarianceForecast(0));
    assertThrows(IllegalArgumentException.class, () -> s.update(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> TRUTH.innovationQuantile(1));
    assertThrows(IllegalArgumentException.class, () -> new GarchTState(TRUTH, 0, 0));
  }

  private static void assertRecovered(GarchTFit fit, double tighteningFactor) {
    GarchTParams p = fit.params();
    assertEquals(TRUTH.alpha(), p.alpha(), ALPHA_TOLERANCE / tighteningFactor, "alpha " + fit);
    assertEquals(TRUTH.beta(), p.beta(), BETA_TOLERANCE / tighteningFactor, "beta " + fit);
    assertEquals(TRUTH.nu(), p.nu(), NU_TOLERANCE / tighteningFactor, "nu " + fit);
    double u = TRUTH.unconditionalVariance();
    assertEquals(
        u,
        fit.unconditionalVariance(),
        u * UNCONDITIONAL_VARIANCE_RELATIVE_TOLERANCE / tighteningFactor,
        "unconditional " + fit);
    assertEquals(0, p.mu());
    assertTrue(fit.evaluations() > 0);
  }
}
