package io.liqopt.training.ml;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.baseline.EmpiricalDistribution;
import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.gbm.GbmClassifier;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.gbm.GbmRegressor;
import io.liqopt.ml.gbm.ProbabilityCalibration;
import io.liqopt.ml.gbm.Selection;
import io.liqopt.ml.gbm.StressStacking;
import java.util.Arrays;
import java.util.List;

/**
 * The stress stage of {@link MlForecaster}: the stacked stress classifier, its probability
 * calibration and the stress stack. The classifier also sees the regressor's predicted log variance
 * over the stress horizon (measured: pooled 24 h AUC 0.665 without it on ../shared/data, 0.670 with
 * in-sample predictions); on the fit block the predictions are cross-fitted (out of fold). Used
 * once per fit: {@link #selectClassifier}, then {@link #calibrate}.
 */
final class StressTraining {
  private final TrainingBlocks b;
  private final ForecastSpec spec;
  private final int sk;
  private double[] selStressLogVariance;
  private double[][] sSel;
  private double[][] sCal;

  GbmClassifier classifier;
  List<Selection.Candidate> candidates;
  ProbabilityCalibration calibration;
  HyperParameters.StressCalibrationChoice calibrationChoice;
  StressStacking stacking;
  HyperParameters.StackingLosses stackingLosses;

  StressTraining(TrainingBlocks b, ForecastSpec spec) {
    this.b = b;
    this.spec = spec;
    this.sk = spec.horizonsHours().indexOf(spec.stressHorizonHours());
  }

  /** Selects the classifier on the stacked rows (grid candidates, lowest selection log loss). */
  void selectClassifier(
      double[][] xFit,
      double[][] xSel,
      double[][] xCal,
      List<String> assets,
      List<String> names,
      VarianceTraining variance,
      List<GbmParams> grid,
      long seed) {
    LogVarianceModel stressVariance = variance.logVariance.get(spec.stressHorizonHours());
    List<String> stressNames = MlForecastModel.stressFeatureNames(assets);
    double[][] sFit =
        MlForecastModel.stacked(
            xFit, outOfFold(xFit, b.logRv(b.fitRows, 3 * sk), names, stressVariance, seed));
    selStressLogVariance = stressVariance.predict(xSel);
    sSel = MlForecastModel.stacked(xSel, selStressLogVariance);
    sCal = MlForecastModel.stacked(xCal, variance.calLogVariance.get(spec.stressHorizonHours()));
    Selection<GbmClassifier> cs =
        GbmClassifier.select(
            sFit,
            b.stress(b.fitRows, sk, spec.stressLevel()),
            sSel,
            b.stress(b.sel, sk, spec.stressLevel()),
            stressNames,
            grid,
            seed);
    candidates = cs.candidates();
    classifier = cs.model();
  }

  /**
   * Platt scaling (Platt 1999) rather than isotonic: it is strictly increasing, so it keeps the
   * classifier's ranking (its AUC); isotonic steps tie most forecasts and cost AUC (measured:
   * pooled 24 h AUC 0.66 with isotonic on ../shared/data). A calibration fitted on a handful of
   * events is worse than none: below {@code minEvents} the classifier's own probabilities are used.
   * Then the stress stack ({@link #stack}).
   */
  void calibrate(VarianceTraining variance, int minEvents) {
    boolean[] calEvents = b.stress(b.cal, sk, spec.stressLevel());
    int events = 0;
    for (boolean e : calEvents) {
      events += e ? 1 : 0;
    }
    calibration =
        events >= minEvents
            ? ProbabilityCalibration.platt(classifier.probability(sCal), calEvents)
            : new ProbabilityCalibration(ProbabilityCalibration.PLATT, null, null, 1, 0);
    calibrationChoice =
        new HyperParameters.StressCalibrationChoice(
            events, events >= minEvents ? calibration.method() : "identity");
    stack(variance, calEvents, events, minEvents);
  }

  /**
   * The stress probability stacks the classifier with the exceedance probability of L under the
   * volatility forecast, weights fitted on the calibration block. Whether the classifier enters is
   * decided out of block: both stacks, with and without it, and the volatility's own exceedance
   * probability unfitted, are scored (log loss) on the selection block, and the best is kept; a
   * calibration fitted on 60 days can be worse than none. Measured on ../shared/data (pooled 24 h):
   * AUC 0.751 for the ML volatility as a score, 0.672 for the classifier, 0.699 for the stack
   * fitted on the calibration block alone.
   */
  private void stack(VarianceTraining variance, boolean[] calEvents, int events, int minEvents) {
    int stressH = spec.stressHorizonHours();
    List<Double> z = variance.longZ.get(stressH);
    EmpiricalDistribution stressZ =
        EmpiricalDistribution.of(z.stream().mapToDouble(Double::doubleValue).toArray(), z.size());
    double s2 = variance.logResidualVariance.get(stressH);
    double[] volCal =
        exceedance(variance.calLogVariance.get(stressH), s2, stressZ, spec.stressLevel());
    double[] clfCal = classifier.probability(sCal);
    if (events < minEvents) {
      stacking = StressStacking.unfitted(calEvents.length, events);
      return;
    }
    StressStacking withClassifier = StressStacking.fit(volCal, clfCal, calEvents, true);
    StressStacking volatilityOnly = StressStacking.fit(volCal, clfCal, calEvents, false);
    double[] volSel = exceedance(selStressLogVariance, s2, stressZ, spec.stressLevel());
    double[] clfSel = classifier.probability(sSel);
    boolean[] selEvents = b.stress(b.sel, sk, spec.stressLevel());
    StressStacking unfitted = StressStacking.unfitted(calEvents.length, events);
    double lossWith = withClassifier.logLoss(volSel, clfSel, selEvents);
    double lossWithout = volatilityOnly.logLoss(volSel, clfSel, selEvents);
    double lossUnfitted = unfitted.logLoss(volSel, clfSel, selEvents);
    stacking =
        lossUnfitted < Math.min(lossWith, lossWithout)
            ? unfitted
            : lossWith < lossWithout ? withClassifier : volatilityOnly;
    stackingLosses = new HyperParameters.StackingLosses(lossUnfitted, lossWithout, lossWith);
  }

  /**
   * Two-fold cross-fitted predictions of log RV on the fit block (each half predicted by a model
   * trained on the other half, in time order), so the stacked feature the classifier learns from is
   * as noisy as the out-of-sample one it will see (Wolpert 1992, stacked generalisation). The
   * linear base, ten coefficients fitted on the whole block, is shared by both halves.
   */
  private static double[] outOfFold(
      double[][] x, double[] y, List<String> names, LogVarianceModel model, long seed) {
    int half = x.length / 2;
    double[] base =
        model.base() == null
            ? new double[x.length]
            : model.base().predict(x, model.base().bind(names));
    double[] residual = VarianceTraining.minus(y, base);
    double[][] xa = Arrays.copyOfRange(x, 0, half);
    double[][] xb = Arrays.copyOfRange(x, half, x.length);
    double[] ya = Arrays.copyOfRange(residual, 0, half);
    double[] yb = Arrays.copyOfRange(residual, half, y.length);
    GbmParams params = model.trees().params();
    double[] out = new double[x.length];
    System.arraycopy(GbmRegressor.train(xb, yb, names, params, seed).predict(xa), 0, out, 0, half);
    System.arraycopy(
        GbmRegressor.train(xa, ya, names, params, seed).predict(xb), 0, out, half, x.length - half);
    for (int i = 0; i < out.length; i++) {
      out[i] += base[i];
    }
    return out;
  }

  /** P(MAE > level) per row under σ̂ = √exp(m̂ + ½s²) and the standardised moves z. */
  private static double[] exceedance(
      double[] logVariance, double logResidualVariance, EmpiricalDistribution z, double level) {
    double[] out = new double[logVariance.length];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          MlForecastModel.volatilityStress(
              z, MlForecastModel.meanVariance(logVariance[i], logResidualVariance), level);
    }
    return out;
  }
}
