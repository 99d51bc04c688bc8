package io.liqopt.training.ml;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.forecast.baseline.TailedDistribution;
import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.LinearBase;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.MlCalibration;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.StressSource;
import io.liqopt.ml.gbm.GbmClassifier;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.gbm.GbmRegressor;
import io.liqopt.ml.gbm.ProbabilityCalibration;
import io.liqopt.ml.gbm.Selection;
import io.liqopt.ml.gbm.StressStacking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stress stage of {@link MlForecaster}: the stacked stress classifier, its probability
 * calibration and the stress stack. The classifier also sees the regressor's predicted log variance
 * over the stress horizon (measured: pooled 24 h AUC 0.665 without it on ../shared/data, 0.670 with
 * in-sample predictions); on the fit block the predictions are cross-fitted (out of fold). Used
 * once per fit: {@link #selectClassifier}, then {@link #calibrate}.
 */
final class StressTraining {
  private static final long HOUR_MS = 3_600_000L;

  private final TrainingBlocks b;
  private final ForecastSpec spec;
  private final int sk;
  private double[] selStressLogVariance;
  private double[] fitStressLogVariance;
  private double[][] sSel;
  private double[][] sCal;
  private double[][] xSel;
  private double[][] xCal;
  private List<String> names;

  GbmClassifier classifier;
  List<Selection.Candidate> candidates;
  ProbabilityCalibration calibration;
  HyperParameters.StressCalibrationChoice calibrationChoice;
  StressStacking stacking;
  HyperParameters.StackingLosses stackingLosses;
  StressSource source;
  String sourceChoice;
  Map<String, Double> sourceLosses;

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
    this.xSel = xSel;
    this.xCal = xCal;
    this.names = names;
    LogVarianceModel stressVariance = variance.logVariance.get(spec.stressHorizonHours());
    List<String> stressNames = MlForecastModel.stressFeatureNames(assets);
    fitStressLogVariance = outOfFold(xFit, b.logRv(b.fitRows, 3 * sk), names, stressVariance, seed);
    double[][] sFit = MlForecastModel.stacked(xFit, fitStressLogVariance);
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
  void calibrate(TrainingSet data, VarianceTraining variance, int minEvents) {
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
    stack(data, variance, calEvents, minEvents);
  }

  /**
   * The stress probability stacks the classifier with the exceedance probability of L under a
   * volatility forecast, weights fitted on the calibration block. Which volatility (the ML model's,
   * GARCH's, the linear base's), which map (the reflected Student-t, the standardised moves'
   * exceedance) and whether the classifier enters is decided out of block, by {@link
   * StressSourceSelection} on the selection block, each exceedance cross-fitted so that no row is
   * scored against a sample holding its own outcome; a calibration fitted on 60 days can be worse
   * than none. Measured on ../shared/data (pooled 24 h, before cross-fitting): AUC 0.751 for the ML
   * volatility as a score, 0.672 for the classifier, 0.699 for the stack fitted on the calibration
   * block alone.
   */
  private void stack(
      TrainingSet data, VarianceTraining variance, boolean[] calEvents, int minEvents) {
    int stressH = spec.stressHorizonHours();
    List<Integer> held = b.heldOut();
    int selRows = b.sel.size();
    long[] times = new long[held.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = b.times.get(held.get(i));
    }
    double[] moves = b.column(held, 3 * sk + 1);
    double s2 = variance.logResidualVariance.get(stressH);
    double[] calLogVariance = variance.calLogVariance.get(stressH);
    double[] ml = new double[held.size()];
    for (int i = 0; i < ml.length; i++) {
      double m = i < selRows ? selStressLogVariance[i] : calLogVariance[i - selRows];
      ml[i] = MlForecastModel.meanVariance(m, s2);
    }
    List<StressSourceSelection.Scored> sources = new ArrayList<>();
    Map<String, double[]> byName = new LinkedHashMap<>();
    byName.put(StressSourceSelection.ML, ml);
    byName.put(StressSource.GARCH, garchVariance(data, variance, held, stressH));
    byName.put(StressSource.HAR, baseVariance(variance.bases.get(stressH)));
    for (Map.Entry<String, double[]> e : byName.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      StressSourceSelection.Scored scored =
          StressSourceSelection.score(
              e.getKey(),
              e.getValue(),
              moves,
              times,
              selRows,
              spec.stressLevel(),
              stressH * HOUR_MS,
              TailedDistribution.DEFAULT_THRESHOLD_LEVEL);
      if (scored != null) {
        sources.add(scored);
      }
    }
    StressSourceSelection.Choice c =
        StressSourceSelection.choose(
            sources,
            classifier.probability(sCal),
            calEvents,
            classifier.probability(sSel),
            b.stress(b.sel, sk, spec.stressLevel()),
            Arrays.copyOfRange(times, 0, selRows),
            spec.stressLevel(),
            2 * stressH,
            minEvents,
            meanVariances(fitStressLogVariance, s2),
            b.stress(b.fitRows, sk, spec.stressLevel()));
    stacking = c.bestMl;
    stackingLosses = c.mlLosses;
    sourceLosses = c.losses;
    sourceChoice = c.source + "/" + c.stack;
    source =
        StressSourceSelection.ML.equals(c.source)
            ? null
            : new StressSource(c.source, c.stacking, MlCalibration.boxed(c.sortedZ));
  }

  private static double[] meanVariances(double[] logVariance, double s2) {
    double[] out = new double[logVariance.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = MlForecastModel.meanVariance(logVariance[i], s2);
    }
    return out;
  }

  /** GARCH's variance over {@code h} per held-out row (NaN for an asset without a fit). */
  private double[] garchVariance(
      TrainingSet data, VarianceTraining variance, List<Integer> held, int h) {
    double[] out = new double[held.size()];
    for (int i = 0; i < out.length; i++) {
      int[] w = b.where.get(held.get(i));
      TrainingSet.Asset a = data.assets().get(w[0]);
      GarchVariance g = variance.garch.get(a.symbol());
      out[i] = g == null ? Double.NaN : g.variance(a.history(), w[1], h);
    }
    return out;
  }

  /** exp(base) per held-out row (selection then calibration), or null without a base. */
  private double[] baseVariance(LinearBase base) {
    if (base == null) {
      return null;
    }
    int[] at = base.bind(names);
    double[] sel = base.predict(xSel, at);
    double[] cal = base.predict(xCal, at);
    double[] out = new double[sel.length + cal.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(i < sel.length ? sel[i] : cal[i - sel.length]);
    }
    return out;
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
}
