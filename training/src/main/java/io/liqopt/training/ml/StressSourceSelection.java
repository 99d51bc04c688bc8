package io.liqopt.training.ml;

import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.gbm.StressStacking;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the stress probability among candidates scored alike on the selection block: for each
 * variance source (the ML model's, GARCH(1,1)-t's, the linear base's) the exceedance probability of
 * L under that variance and its own standardised moves, cross-fitted ({@link CrossFitExceedance}),
 * then the same three stacks fitted on the calibration block: {@code unfitted} (the exceedance as
 * it is), {@code volatilityOnly} (Platt scaling of it) and {@code withClassifier} (stacked with the
 * classifier). Lowest selection log loss wins. A source without a variance on every held-out row is
 * not a candidate. Used once per fit.
 */
final class StressSourceSelection {
  /** The ML model's own variance: its name among the sources. */
  static final String ML = "ml";

  /** What a source scores (cross-fitted) and serves (every held-out move). Not copied. */
  static final class Scored {
    final String name;
    final double[] calProbability;
    final double[] selProbability;
    final double[] sortedZ;

    Scored(String name, double[] calProbability, double[] selProbability, double[] sortedZ) {
      this.name = name;
      this.calProbability = calProbability;
      this.selProbability = selProbability;
      this.sortedZ = sortedZ;
    }
  }

  /**
   * The winner (its source, stack name, stack and served moves), the best stack of the ML source
   * (served where the winner has no forecast), and every candidate's loss.
   */
  static final class Choice {
    String source;
    String stack;
    StressStacking stacking;
    double[] sortedZ;
    StressStacking bestMl;
    final Map<String, Double> losses = new LinkedHashMap<>();
    HyperParameters.StackingLosses mlLosses;
  }

  private StressSourceSelection() {}

  /**
   * Cross-fitted exceedances of a source on the held-out rows (selection then calibration), or null
   * when it has no variance on some row.
   *
   * @param variance σ̂² per held-out row over the stress horizon
   * @param longMoves MAE per held-out row
   * @param timesMs open time per held-out row
   */
  static Scored score(
      String name,
      double[] variance,
      double[] longMoves,
      long[] timesMs,
      int selRows,
      double level,
      long embargoMs,
      double tailLevel) {
    int n = variance.length;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(variance[i] > 0) || !Double.isFinite(variance[i])) {
        return null;
      }
      z[i] = longMoves[i] / Math.sqrt(variance[i]);
    }
    CrossFitExceedance cf =
        CrossFitExceedance.of(timesMs, z, CrossFitExceedance.FOLDS, embargoMs, tailLevel);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = cf.exceedance(timesMs[i], level / Math.sqrt(variance[i]));
    }
    double[] sorted = z.clone();
    Arrays.sort(sorted);
    return new Scored(
        name, Arrays.copyOfRange(p, selRows, n), Arrays.copyOfRange(p, 0, selRows), sorted);
  }

  /**
   * The candidate of lowest selection log loss; with fewer than {@code minEvents} calibration
   * events only the unfitted stacks compete.
   */
  static Choice choose(
      Iterable<Scored> sources,
      double[] clfCal,
      boolean[] calEvents,
      double[] clfSel,
      boolean[] selEvents,
      int minEvents) {
    int events = 0;
    for (boolean e : calEvents) {
      events += e ? 1 : 0;
    }
    Choice c = new Choice();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestMlLoss = Double.POSITIVE_INFINITY;
    for (Scored s : sources) {
      Map<String, StressStacking> stacks = new LinkedHashMap<>();
      stacks.put("unfitted", StressStacking.unfitted(calEvents.length, events));
      if (events >= minEvents) {
        stacks.put(
            "volatilityOnly", StressStacking.fit(s.calProbability, clfCal, calEvents, false));
        stacks.put("withClassifier", StressStacking.fit(s.calProbability, clfCal, calEvents, true));
      }
      Map<String, Double> own = new LinkedHashMap<>();
      for (Map.Entry<String, StressStacking> e : stacks.entrySet()) {
        double loss = e.getValue().logLoss(s.selProbability, clfSel, selEvents);
        own.put(e.getKey(), loss);
        c.losses.put(s.name + "/" + e.getKey(), loss);
        if (loss < bestLoss) {
          bestLoss = loss;
          c.source = s.name;
          c.stack = e.getKey();
          c.stacking = e.getValue();
          c.sortedZ = s.sortedZ;
        }
        if (s.name.equals(ML) && loss < bestMlLoss) {
          bestMlLoss = loss;
          c.bestMl = e.getValue();
        }
      }
      if (s.name.equals(ML) && own.size() == 3) {
        c.mlLosses =
            new HyperParameters.StackingLosses(
                own.get("unfitted"), own.get("volatilityOnly"), own.get("withClassifier"));
      }
    }
    if (c.stacking == null || c.bestMl == null) {
      throw new IllegalArgumentException("the ML stress probability could not be scored");
    }
    return c;
  }
}
