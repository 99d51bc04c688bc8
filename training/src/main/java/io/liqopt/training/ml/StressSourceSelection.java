package io.liqopt.training.ml;

import io.liqopt.core.forecast.baseline.ReflectedStudentT;
import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.gbm.StressStacking;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the stress probability among candidates scored alike on the selection block. For each
 * variance source (the ML model's, GARCH(1,1)-t's, the linear base's) four stacks are fitted on the
 * calibration block: {@code reflected} (the reflected Student-t map of the variance, ν alone
 * fitted, {@link ReflectedStudentT}; for the ML variance on the calibration block and the fit block
 * with its cross-fitted variance, five times the rows: fitted on 60 days alone, ν ranged from 4 to
 * 50 between fits, and since a probability of a different ν ranks differently across fits, the
 * pooled AUC fell from 0.741 for the ML variance as a score to 0.730 on ../shared/data), and on the
 * exceedance of L under the source's own standardised moves, cross-fitted ({@link
 * CrossFitExceedance}): {@code unfitted} (as it is), {@code volatilityOnly} (Platt scaling of it)
 * and {@code withClassifier} (stacked with the classifier).
 *
 * <p><b>The rule.</b> {@code ml/reflected} is the default: the model's own variance through a
 * one-parameter map, so the probability ranks rows as the variance does, within a fit and across
 * fits. A challenger replaces it only when its selection log loss is lower with a one-sided
 * Bonferroni-corrected 5 % significance over all challengers: the per-hour sums of the loss
 * differences (assets pooled at each hour) have a mean over {@code Φ⁻¹(1 − 0.05/k)} Newey–West
 * standard errors (Bartlett, lag twice the stress horizon, as the 24 h windows overlap); among
 * those that pass, the lowest loss wins. A 30-day selection block holds few independent stress
 * episodes, and taking the lowest of twelve losses as it stands chose by noise: measured on
 * ../shared/data (24 h, pooled), the served probability ranked at AUC 0.727 against 0.751 for the
 * ML variance as a score, as the stacks' levels moved from fit to fit. With fewer than {@code
 * minEvents} calibration events only the unfitted and reflected stacks compete. A source without a
 * variance on every held-out row is not a candidate. Used once per fit.
 */
final class StressSourceSelection {
  /** The ML model's own variance: its name among the sources. */
  static final String ML = "ml";

  /** The stack of the default candidate (and its name among the stacks). */
  static final String REFLECTED = "reflected";

  /** What a source scores (cross-fitted) and serves (every held-out move). Not copied. */
  static final class Scored {
    final String name;
    final double[] calProbability;
    final double[] selProbability;
    final double[] sortedZ;
    final double[] calVariance;
    final double[] selVariance;

    Scored(
        String name,
        double[] calProbability,
        double[] selProbability,
        double[] sortedZ,
        double[] calVariance,
        double[] selVariance) {
      this.name = name;
      this.calProbability = calProbability;
      this.selProbability = selProbability;
      this.sortedZ = sortedZ;
      this.calVariance = calVariance;
      this.selVariance = selVariance;
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
        name,
        Arrays.copyOfRange(p, selRows, n),
        Arrays.copyOfRange(p, 0, selRows),
        sorted,
        Arrays.copyOfRange(variance, selRows, n),
        Arrays.copyOfRange(variance, 0, selRows));
  }

  /** One fitted candidate: its stack and per-row selection losses. */
  private record Candidate(
      Scored source, String stack, StressStacking stacking, double[] selLosses, double meanLoss) {
    String name() {
      return source.name + "/" + stack;
    }
  }

  /**
   * The choice of {@link StressSourceSelection the rule}.
   *
   * @param selTimes open time per selection row (to sum the losses per hour)
   * @param level L of the stress event
   * @param hacLag the Newey–West lag in hours (twice the stress horizon)
   * @param mlFitVariance the ML variance of the fit block's rows, cross-fitted (out of fold)
   * @param fitEvents the fit block's stress events
   */
  static Choice choose(
      Iterable<Scored> sources,
      double[] clfCal,
      boolean[] calEvents,
      double[] clfSel,
      boolean[] selEvents,
      long[] selTimes,
      double level,
      int hacLag,
      int minEvents,
      double[] mlFitVariance,
      boolean[] fitEvents) {
    int events = 0;
    for (boolean e : calEvents) {
      events += e ? 1 : 0;
    }
    Map<String, Candidate> all = new LinkedHashMap<>();
    for (Scored s : sources) {
      ReflectedStudentT map =
          s.name.equals(ML)
              ? ReflectedStudentT.fit(
                  concat(s.calVariance, mlFitVariance), concat(calEvents, fitEvents), level)
              : ReflectedStudentT.fit(s.calVariance, calEvents, level);
      double[] pRefl = new double[s.selVariance.length];
      for (int i = 0; i < pRefl.length; i++) {
        pRefl[i] = map.exceedance(level, s.selVariance[i]);
      }
      add(
          all,
          s,
          REFLECTED,
          StressStacking.reflected(map, calEvents.length, events),
          pRefl,
          clfSel,
          selEvents);
      add(
          all,
          s,
          "unfitted",
          StressStacking.unfitted(calEvents.length, events),
          s.selProbability,
          clfSel,
          selEvents);
      if (events >= minEvents) {
        add(
            all,
            s,
            "volatilityOnly",
            StressStacking.fit(s.calProbability, clfCal, calEvents, false),
            s.selProbability,
            clfSel,
            selEvents);
        add(
            all,
            s,
            "withClassifier",
            StressStacking.fit(s.calProbability, clfCal, calEvents, true),
            s.selProbability,
            clfSel,
            selEvents);
      }
    }
    Candidate base = all.get(ML + "/" + REFLECTED);
    if (base == null) {
      throw new IllegalArgumentException("the ML stress probability could not be scored");
    }
    Choice c = new Choice();
    all.forEach((name, k) -> c.losses.put(name, k.meanLoss));
    Candidate winner = winner(base, all.values(), selTimes, hacLag, false);
    c.source = winner.source.name;
    c.stack = winner.stack;
    c.stacking = winner.stacking;
    c.sortedZ = winner.source.sortedZ;
    c.bestMl = winner(base, all.values(), selTimes, hacLag, true).stacking;
    Candidate u = all.get(ML + "/unfitted");
    Candidate v = all.get(ML + "/volatilityOnly");
    Candidate w = all.get(ML + "/withClassifier");
    if (v != null && w != null) {
      c.mlLosses = new HyperParameters.StackingLosses(u.meanLoss, v.meanLoss, w.meanLoss);
    }
    return c;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean[] concat(boolean[] a, boolean[] b) {
    boolean[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void add(
      Map<String, Candidate> all,
      Scored s,
      String stack,
      StressStacking stacking,
      double[] pVol,
      double[] clfSel,
      boolean[] selEvents) {
    double[] loss = new double[selEvents.length];
    double sum = 0;
    for (int i = 0; i < loss.length; i++) {
      double q = Math.min(1 - 1e-6, Math.max(1e-6, stacking.apply(pVol[i], clfSel[i])));
      loss[i] = selEvents[i] ? -Math.log(q) : -Math.log1p(-q);
      sum += loss[i];
    }
    Candidate k = new Candidate(s, stack, stacking, loss, sum / loss.length);
    all.put(k.name(), k);
  }

  /**
   * {@code base} unless a challenger (of the ML source alone when {@code mlOnly}) beats it
   * significantly; then the lowest loss among those that do.
   */
  private static Candidate winner(
      Candidate base, Iterable<Candidate> all, long[] selTimes, int hacLag, boolean mlOnly) {
    int challengers = 0;
    for (Candidate k : all) {
      challengers += k != base && (!mlOnly || k.source == base.source) ? 1 : 0;
    }
    if (challengers == 0) {
      return base;
    }
    double critical = ChallengerRule.critical(challengers);
    Candidate best = base;
    for (Candidate k : all) {
      if (k == base || (mlOnly && k.source != base.source)) {
        continue;
      }
      if (ChallengerRule.improvement(base.selLosses, k.selLosses, selTimes, hacLag) > critical
          && (best == base || k.meanLoss < best.meanLoss)) {
        best = k;
      }
    }
    return best;
  }
}
