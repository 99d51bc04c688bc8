package io.liqopt.training.ml;

import io.liqopt.core.Checks;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.EmpiricalDistribution;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.ml.LinearBase;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.VarianceCombination;
import io.liqopt.ml.gbm.GbmClassifier;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.gbm.GbmRegressor;
import io.liqopt.ml.gbm.ProbabilityCalibration;
import io.liqopt.ml.gbm.Selection;
import io.liqopt.ml.gbm.StressStacking;
import io.liqopt.ml.nn.QuantileNet;
import io.liqopt.ml.nn.QuantileNetParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the ML forecast model ({@link MlForecastModel}) on a {@link TrainingSet}, pooled across
 * assets. The training period is split in time into three blocks, each separated by an embargo of
 * the longest horizon (rows whose targets would reach into the next block are dropped):
 *
 * <ol>
 *   <li>fit: the models are trained here (subsampled to at most {@code maxTrainRows}, every k-th
 *       row, deterministic);
 *   <li>selection (the {@code selectionDays} before the calibration block): hyper-parameters of the
 *       trees are chosen and the network is early-stopped on it;
 *   <li>calibration (the last {@code calibrationDays}): the stress probability calibration, the
 *       conformal offsets of the quantile network and the log-normal correction are fitted on it.
 * </ol>
 *
 * No test data is used: the walk-forward hands this class only the data before its cut-off. Models
 * are not refitted on the held-out blocks, since the calibrations were fitted to the models as
 * trained.
 */
public final class MlForecaster implements Forecaster {
  /** The smallest fit, selection and calibration blocks accepted, in rows. */
  static final int MIN_ROWS = 500;

  /** Fewer stress events than this in the calibration block and the probabilities stay raw. */
  static final int MIN_CALIBRATION_EVENTS = 20;

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** Floor of realised variance before the logarithm (flat hours), as in the evaluation's QLIKE. */
  private static final double RV_FLOOR = 1e-10;

  /**
   * Training options.
   *
   * @param selectionDays length of the selection block
   * @param calibrationDays length of the calibration block
   * @param maxTrainRows the fit block is subsampled to at most this many rows
   * @param grid tree hyper-parameter candidates
   * @param net network hyper-parameters
   * @param quantileHorizonHours the horizon of the quantile network (the liquidation horizon)
   * @param refitDays in a walk-forward, a model is reused (not refitted) for training sets that end
   *     less than this many days after the one it was fitted on; it stays out of sample, only
   *     older. 0: refit on every call
   */
  public record Options(
      int selectionDays,
      int calibrationDays,
      int maxTrainRows,
      List<GbmParams> grid,
      QuantileNetParams net,
      int quantileHorizonHours,
      int refitDays) {
    public Options {
      if (refitDays < 0) {
        throw new IllegalArgumentException("refitDays must be >= 0, was " + refitDays);
      }
      Checks.positive(selectionDays, "selectionDays");
      Checks.positive(calibrationDays, "calibrationDays");
      Checks.positive(maxTrainRows, "maxTrainRows");
      grid = List.copyOf(grid);
      if (grid.isEmpty()) {
        throw new IllegalArgumentException("the tree grid needs at least one candidate");
      }
      Checks.positive(quantileHorizonHours, "quantileHorizonHours");
    }

    /** 30 + 60 days held out, 60 000 fit rows, the default grid and network, 24 h quantiles. */
    public static Options defaults() {
      return new Options(30, 60, 60_000, GbmParams.grid(), QuantileNetParams.defaults(), 24, 0);
    }

    /**
     * For the walk-forward: as {@link #defaults} but refitted every 90 days (three 30-day test
     * blocks), so that 5 years of folds train in minutes rather than an hour.
     */
    public static Options walkForward() {
      Options d = defaults();
      return new Options(
          d.selectionDays,
          d.calibrationDays,
          d.maxTrainRows,
          d.grid,
          d.net,
          d.quantileHorizonHours,
          90);
    }
  }

  /** What the last fit chose (for the bundle manifest). */
  public record FitInfo(
      int fitRows, int selectionRows, int calibrationRows, Map<String, Object> selections) {}

  private final Options options;
  private volatile java.util.function.Consumer<String> progress = line -> {};
  private volatile FitInfo lastFit;

  /** The model reused while {@code refitDays} have not passed, and the end of its training data. */
  private MlForecastModel cached;

  private long cachedEndMs;

  public MlForecaster(Options options) {
    this.options = options;
  }

  public MlForecaster() {
    this(Options.defaults());
  }

  @Override
  public String name() {
    return "ml";
  }

  /** What the most recent {@link #fit} chose, or null before the first. */
  public FitInfo lastFit() {
    return lastFit;
  }

  /**
   * Fits, or reuses the previous model when {@link Options#refitDays} have not passed since the end
   * of its training data (it then never saw the newer data, so it stays out of sample). The
   * previous model is closed when it is replaced.
   */
  @Override
  public synchronized ForecastModel fit(TrainingSet data) {
    long end =
        data.assets().stream()
            .mapToLong(
                a ->
                    a.history().size() == 0
                        ? Long.MIN_VALUE
                        : a.history().series().lastOpenTimeMs())
            .max()
            .orElse(Long.MIN_VALUE);
    if (cached != null
        && options.refitDays() > 0
        && end >= cachedEndMs
        && end - cachedEndMs < options.refitDays() * DAY_MS) {
      return cached;
    }
    MlForecastModel fresh = train(data);
    if (cached != null) {
      cached.close();
    }
    cached = fresh;
    cachedEndMs = end;
    return fresh;
  }

  /**
   * Tells {@code listener} each finished stage of a fit (the tree selections, the stress
   * classifier) and each epoch of the quantile network: progress for long trainings.
   */
  public MlForecaster withProgress(java.util.function.Consumer<String> listener) {
    this.progress = java.util.Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** {@link #fit} with the concrete type. */
  public MlForecastModel train(TrainingSet data) {
    ForecastSpec spec = data.spec();
    List<Integer> horizons = spec.horizonsHours();
    int maxH = horizons.get(horizons.size() - 1);
    if (!horizons.contains(options.quantileHorizonHours())) {
      throw new IllegalArgumentException(
          "the quantile horizon "
              + options.quantileHorizonHours()
              + " h is not among the forecast horizons "
              + horizons);
    }
    List<String> assets = data.assets().stream().map(TrainingSet.Asset::symbol).toList();
    List<String> names = MlForecastModel.featureNames(assets);

    // every usable row: complete features and every target defined
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys =
        new ArrayList<>(); // per row: rv per horizon, then long and short MAE per horizon
    List<Long> times = new ArrayList<>();
    List<int[]> where = new ArrayList<>(); // per row: asset index, history row
    for (int ai = 0; ai < data.assets().size(); ai++) {
      TrainingSet.Asset a = data.assets().get(ai);
      for (int row = 0; row < a.history().size(); row++) {
        double[] x = MlForecastModel.inputRow(a.history().features(), row, assets);
        if (x == null) {
          continue;
        }
        double[] y = new double[3 * horizons.size()];
        boolean ok = true;
        for (int k = 0; k < horizons.size() && ok; k++) {
          HorizonTargets t = a.targets(horizons.get(k));
          ok = t.isDefined(row);
          if (ok) {
            y[3 * k] = t.realisedVariance(row);
            y[3 * k + 1] = t.longAdverseMove(row);
            y[3 * k + 2] = t.shortAdverseMove(row);
          }
        }
        if (ok) {
          xs.add(x);
          ys.add(y);
          times.add(a.history().series().openTimeMs(row));
          where.add(new int[] {ai, row});
        }
      }
    }
    if (times.isEmpty()) {
      throw new IllegalArgumentException("no training rows with complete features and targets");
    }
    long end = times.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
    long calStart = end - options.calibrationDays() * DAY_MS;
    long selStart = calStart - options.selectionDays() * DAY_MS;
    long embargo = maxH * HOUR_MS;
    List<Integer> fit = new ArrayList<>();
    List<Integer> sel = new ArrayList<>();
    List<Integer> cal = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      long t = times.get(i);
      if (t + embargo < selStart) {
        fit.add(i);
      } else if (t >= selStart && t + embargo < calStart) {
        sel.add(i);
      } else if (t >= calStart) {
        cal.add(i);
      }
    }
    if (fit.size() < MIN_ROWS || sel.size() < MIN_ROWS || cal.size() < MIN_ROWS) {
      throw new IllegalArgumentException(
          "ML training needs at least "
              + MIN_ROWS
              + " rows in each of the fit, selection and calibration blocks; got "
              + fit.size()
              + ", "
              + sel.size()
              + ", "
              + cal.size());
    }
    int stride = (fit.size() + options.maxTrainRows() - 1) / options.maxTrainRows();
    List<Integer> fitRows = new ArrayList<>();
    for (int i = 0; i < fit.size(); i += stride) {
      fitRows.add(fit.get(i));
    }
    double[][] xFit = pick(xs, fitRows);
    double[][] xSel = pick(xs, sel);
    double[][] xCal = pick(xs, cal);
    long seed = data.seed();

    Map<String, Object> selections = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long stage = System.nanoTime();
    Map<Integer, GbmRegressor> variance = new LinkedHashMap<>();
    Map<Integer, LinearBase> bases = new LinkedHashMap<>();
    Map<Integer, LogVarianceModel> logVariance = new LinkedHashMap<>();
    Map<Integer, Double> logResidualVariance = new LinkedHashMap<>();
    Map<Integer, double[]> longZ = new LinkedHashMap<>();
    Map<Integer, double[]> shortZ = new LinkedHashMap<>();
    Map<Integer, double[]> calLogVariance = new LinkedHashMap<>(); // m̂ on the calibration block
    List<Integer> heldOut = new ArrayList<>(sel);
    heldOut.addAll(cal);
    double[][] xHeld = pick(xs, heldOut);
    for (int k = 0; k < horizons.size(); k++) {
      int h = horizons.get(k);
      int col = 3 * k;
      // the trees learn the residual of a pooled linear HAR-type base (LinearBase): trees alone
      // predict a constant outside the volatility range they were trained on
      double[] yFit = logRv(ys, fitRows, col);
      LinearBase base = LinearBase.fit(xFit, yFit, names, LinearBase.DEFAULT_COLUMNS);
      int[] at = base.bind(names);
      Selection<GbmRegressor> s =
          GbmRegressor.select(
              xFit,
              minus(yFit, base.predict(xFit, at)),
              xSel,
              minus(logRv(ys, sel, col), base.predict(xSel, at)),
              names,
              options.grid(),
              seed);
      selections.put("variance_" + h + "h", s.candidates());
      stage = lap(seconds, "variance_" + h + "h", stage);
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "variance %d h: %d tree candidates, " + "%.1f s",
              h,
              options.grid().size(),
              seconds.get("variance_" + h + "h")));
      GbmRegressor trees = s.model();
      variance.put(h, trees);
      bases.put(h, base);
      LogVarianceModel model = new LogVarianceModel(trees, base, names);
      logVariance.put(h, model);
      // Duan (1983, JASA 78) smearing: E[RV | x] = exp(m̂) · mean(exp(residual)) on the
      // calibration block, stored as s² = 2 ln mean(exp(r)) so that E = exp(m̂ + s²/2)
      double[] yCal = logRv(ys, cal, col);
      double[] pCal = model.predict(xCal);
      calLogVariance.put(h, pCal);
      double smear = 0;
      for (int i = 0; i < yCal.length; i++) {
        smear += Math.exp(yCal[i] - pCal[i]) / yCal.length;
      }
      double s2 = 2 * Math.log(smear);
      logResidualVariance.put(h, s2);
      double[] pHeld = model.predict(xHeld);
      double[] zl = new double[heldOut.size()];
      double[] zs = new double[heldOut.size()];
      for (int i = 0; i < heldOut.size(); i++) {
        double sigma = Math.sqrt(MlForecastModel.meanVariance(pHeld[i], s2));
        zl[i] = ys.get(heldOut.get(i))[col + 1] / sigma;
        zs[i] = ys.get(heldOut.get(i))[col + 2] / sigma;
      }
      Arrays.sort(zl);
      Arrays.sort(zs);
      longZ.put(h, zl);
      shortZ.put(h, zs);
    }

    // GARCH(1,1)-t per asset on the returns of the fit block, and per horizon the QLIKE-optimal
    // geometric combination with it, chosen on the calibration block (measured on ../shared/data:
    // pooled 24 h QLIKE 0.3603 for the trees alone)
    Map<String, GarchVariance> garch = fitGarch(data, selStart - embargo);
    Map<Integer, VarianceCombination> combination = new LinkedHashMap<>();
    for (int k = 0; k < horizons.size(); k++) {
      int h = horizons.get(k);
      double[] pCal = calLogVariance.get(h);
      List<double[]> triples = new ArrayList<>();
      for (int i = 0; i < cal.size(); i++) {
        int[] w = where.get(cal.get(i));
        TrainingSet.Asset a = data.assets().get(w[0]);
        GarchVariance g = garch.get(a.symbol());
        double vg = g == null ? Double.NaN : g.variance(a.history(), w[1], h);
        if (vg > 0 && Double.isFinite(vg)) {
          triples.add(
              new double[] {
                MlForecastModel.meanVariance(pCal[i], logResidualVariance.get(h)),
                vg,
                ys.get(cal.get(i))[3 * k]
              });
        }
      }
      if (triples.size() >= MIN_ROWS) {
        VarianceCombination c =
            VarianceCombination.fit(
                triples.stream().mapToDouble(t -> t[0]).toArray(),
                triples.stream().mapToDouble(t -> t[1]).toArray(),
                triples.stream().mapToDouble(t -> t[2]).toArray());
        combination.put(h, c);
        selections.put("varianceCombination_" + h + "h", c);
      }
    }
    selections.put("garchAssets", List.copyOf(garch.keySet()));
    stage = lap(seconds, "garch", stage);
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "GARCH on %d assets and the variance " + "combination: %.1f s",
            garch.size(),
            seconds.get("garch")));

    int sk = horizons.indexOf(spec.stressHorizonHours());
    // stacked: the classifier also sees the regressor's predicted log variance over the stress
    // horizon (measured: pooled 24 h AUC 0.665 without it on ../shared/data, 0.670 with in-sample
    // predictions); on the fit block the predictions are cross-fitted (out of fold)
    LogVarianceModel stressVariance = logVariance.get(spec.stressHorizonHours());
    List<String> stressNames = MlForecastModel.stressFeatureNames(assets);
    double[][] sFit =
        MlForecastModel.stacked(
            xFit, outOfFold(xFit, logRv(ys, fitRows, 3 * sk), names, stressVariance, seed));
    double[] selStressLogVariance = stressVariance.predict(xSel);
    double[][] sSel = MlForecastModel.stacked(xSel, selStressLogVariance);
    double[][] sCal = MlForecastModel.stacked(xCal, calLogVariance.get(spec.stressHorizonHours()));
    Selection<GbmClassifier> cs =
        GbmClassifier.select(
            sFit,
            stress(ys, fitRows, sk, spec.stressLevel()),
            sSel,
            stress(ys, sel, sk, spec.stressLevel()),
            stressNames,
            options.grid(),
            seed);
    selections.put("stress", cs.candidates());
    stage = lap(seconds, "stress", stage);
    progress.accept(
        String.format(java.util.Locale.ROOT, "stress classifier: %.1f s", seconds.get("stress")));
    GbmClassifier classifier = cs.model();
    boolean[] calEvents = stress(ys, cal, sk, spec.stressLevel());
    int events = 0;
    for (boolean e : calEvents) {
      events += e ? 1 : 0;
    }
    // Platt scaling (Platt 1999) rather than isotonic: it is strictly increasing, so it keeps the
    // classifier's ranking (its AUC); isotonic steps tie most forecasts and cost AUC (measured:
    // pooled 24 h AUC 0.66 with isotonic on ../shared/data). A calibration fitted on a handful of
    // events is worse than none: below the minimum the classifier's own probabilities are used.
    ProbabilityCalibration calibration =
        events >= MIN_CALIBRATION_EVENTS
            ? ProbabilityCalibration.platt(classifier.probability(sCal), calEvents)
            : new ProbabilityCalibration(ProbabilityCalibration.PLATT, null, null, 1, 0);
    selections.put(
        "stressCalibration",
        Map.of(
            "method",
            events >= MIN_CALIBRATION_EVENTS ? calibration.method() : "identity",
            "calibrationEvents",
            events));

    // the stress probability stacks the classifier with the exceedance probability of L under the
    // volatility forecast, weights fitted on the calibration block. Whether the classifier enters
    // is decided out of block: both stacks, with and without it, and the volatility's own
    // exceedance probability unfitted, are scored (log loss) on the selection block, and the best
    // is kept; a calibration fitted on 60 days can be worse than none. Measured on ../shared/data
    // (pooled 24 h): AUC 0.751 for the ML volatility as a score, 0.672 for the classifier, 0.699
    // for the stack fitted on the calibration block alone
    int stressH = spec.stressHorizonHours();
    EmpiricalDistribution stressZ =
        EmpiricalDistribution.of(longZ.get(stressH), longZ.get(stressH).length);
    double[] volCal =
        exceedance(
            calLogVariance.get(stressH),
            logResidualVariance.get(stressH),
            stressZ,
            spec.stressLevel());
    double[] clfCal = classifier.probability(sCal);
    StressStacking stacking;
    if (events >= MIN_CALIBRATION_EVENTS) {
      StressStacking withClassifier = StressStacking.fit(volCal, clfCal, calEvents, true);
      StressStacking volatilityOnly = StressStacking.fit(volCal, clfCal, calEvents, false);
      double[] volSel =
          exceedance(
              selStressLogVariance, logResidualVariance.get(stressH), stressZ, spec.stressLevel());
      double[] clfSel = classifier.probability(sSel);
      boolean[] selEvents = stress(ys, sel, sk, spec.stressLevel());
      StressStacking unfitted = StressStacking.unfitted(calEvents.length, events);
      double lossWith = withClassifier.logLoss(volSel, clfSel, selEvents);
      double lossWithout = volatilityOnly.logLoss(volSel, clfSel, selEvents);
      double lossUnfitted = unfitted.logLoss(volSel, clfSel, selEvents);
      stacking =
          lossUnfitted < Math.min(lossWith, lossWithout)
              ? unfitted
              : lossWith < lossWithout ? withClassifier : volatilityOnly;
      selections.put(
          "stressStackingSelectionLogLoss",
          Map.of(
              "withClassifier",
              lossWith,
              "volatilityOnly",
              lossWithout,
              "unfittedVolatility",
              lossUnfitted));
    } else {
      stacking = StressStacking.unfitted(calEvents.length, events);
    }
    selections.put("stressStacking", stacking);
    // the network learns the quantiles of the move standardised by the trees' volatility forecast,
    // z = MAE_H / σ̂_H: the trees set the scale, the network the conditional shape of the tail
    int qk = horizons.indexOf(options.quantileHorizonHours());
    int qh = options.quantileHorizonHours();
    QuantileNet net =
        QuantileNet.train(
            xFit,
            standardised(ys, fitRows, qk, xFit, logVariance.get(qh), logResidualVariance.get(qh)),
            xSel,
            standardised(ys, sel, qk, xSel, logVariance.get(qh), logResidualVariance.get(qh)),
            spec.levels(),
            names,
            options.net(),
            seed,
            progress);
    QuantileNet conformal =
        net.conformalized(
            xCal,
            standardised(ys, cal, qk, xCal, logVariance.get(qh), logResidualVariance.get(qh)));
    net.close(); // the conformalised copy keeps the shared network alive
    selections.put(
        "quantileNet",
        Map.of(
            "bestEpoch",
            conformal.trainingLog().bestEpoch(),
            "conformalOffsets",
            conformal.conformalOffsets()));
    lap(seconds, "quantileNet", stage);
    selections.put("seconds", seconds);

    lastFit = new FitInfo(fitRows.size(), sel.size(), cal.size(), selections);
    MlForecastModel.Calibration c =
        new MlForecastModel.Calibration(
            assets,
            horizons,
            spec.levels(),
            spec.stressLevel(),
            spec.stressHorizonHours(),
            options.quantileHorizonHours(),
            logResidualVariance,
            longZ,
            shortZ,
            calibration,
            bases,
            stacking,
            garch,
            combination);
    return new MlForecastModel(
        "ml-" + java.time.Instant.ofEpochMilli(end).toString(), c, variance, classifier, conformal);
  }

  /**
   * GARCH(1,1)-t of each asset on its returns before {@code endMs}; an asset with too few returns,
   * or whose fit fails, has none (its variance is the trees' alone). Assets are fitted in parallel;
   * each fit is deterministic, so the result does not depend on scheduling.
   */
  private static Map<String, GarchVariance> fitGarch(TrainingSet data, long endMs) {
    Map<String, GarchVariance> out = new java.util.concurrent.ConcurrentHashMap<>();
    data.assets().parallelStream()
        .forEach(
            a -> {
              int last = a.history().series().indexAtOrAfter(endMs) - 1;
              try {
                out.put(a.symbol(), GarchVariance.fit(a.history(), last));
              } catch (IllegalArgumentException | IllegalStateException e) {
                // too little history, or the optimiser failed: this asset goes without
              }
            });
    return new java.util.TreeMap<>(out);
  }

  private static long lap(Map<String, Double> seconds, String what, long since) {
    long now = System.nanoTime();
    seconds.put(what, (now - since) / 1e9);
    return now;
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
    double[] residual = minus(y, base);
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

  private static double[] minus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  /** MAE_H / σ̂_H of the rows, σ̂² = exp(m̂ + s²/2) from the variance model. */
  private static double[] standardised(
      List<double[]> ys,
      List<Integer> idx,
      int k,
      double[][] x,
      LogVarianceModel variance,
      double logResidualVariance) {
    double[] logVar = variance.predict(x);
    double[] out = new double[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          ys.get(idx.get(i))[3 * k + 1]
              / Math.sqrt(MlForecastModel.meanVariance(logVar[i], logResidualVariance));
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

  private static double[][] pick(List<double[]> xs, List<Integer> idx) {
    double[][] out = new double[idx.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(idx.get(i));
    }
    return out;
  }

  private static double[] column(List<double[]> ys, List<Integer> idx, int col) {
    double[] out = new double[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ys.get(idx.get(i))[col];
    }
    return out;
  }

  private static double[] logRv(List<double[]> ys, List<Integer> idx, int col) {
    double[] out = column(ys, idx, col);
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(Math.max(out[i], RV_FLOOR));
    }
    return out;
  }

  private static boolean[] stress(List<double[]> ys, List<Integer> idx, int k, double level) {
    boolean[] out = new boolean[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ys.get(idx.get(i))[3 * k + 1] > level;
    }
    return out;
  }
}
