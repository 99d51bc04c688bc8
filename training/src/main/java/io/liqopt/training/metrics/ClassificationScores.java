package io.liqopt.training.metrics;

import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Scores of a probability forecast p_t of a binary event o_t ∈ {0, 1} (the stress event of
 * DESIGN.md "Forecasts": the maximum adverse excursion over the next 24 h exceeds a level).
 *
 * <ul>
 *   <li><b>AUC</b>, the area under the ROC curve, in its Mann–Whitney form: the probability that a
 *       randomly drawn event gets a higher score than a randomly drawn non-event, ties counting one
 *       half. With midranks r_t of the scores over the whole sample (ties get the mean of the ranks
 *       they span), n₁ events and n₀ non-events,
 *       <pre>  AUC = (Σ_{t: o_t = 1} r_t − n₁(n₁ + 1)/2) / (n₁ n₀).</pre>
 *       It depends on the scores only through their order (any strictly increasing transform leaves
 *       it unchanged) and is undefined when only one class is present. Source: Hanley and McNeil
 *       (1982), "The meaning and use of the area under a receiver operating characteristic (ROC)
 *       curve", Radiology 143(1), 29–36; Mann and Whitney (1947), Annals of Mathematical Statistics
 *       18(1), 50–60.
 *   <li><b>Brier score</b> BS = (1/n) Σ (p_t − o_t)², in [0, 1], lower is better. Source: G. W.
 *       Brier (1950), "Verification of forecasts expressed in terms of probability", Monthly
 *       Weather Review 78(1), 1–3 (the two-outcome form halved).
 *   <li><b>Climatology</b>, the constant forecast of a reference rate r: BS_ref = (1/n) Σ (r −
 *       o_t)² = ō(1 − r)² + (1 − ō) r², with ō the sample event rate; for r = ō it is ō(1 − ō). The
 *       <b>Brier skill score</b> BSS = 1 − BS / BS_ref is 1 for a perfect forecast, 0 for one no
 *       better than climatology, negative for a worse one; undefined when BS_ref = 0. Source: D. S.
 *       Wilks (2011), <i>Statistical Methods in the Atmospheric Sciences</i>, 3rd ed., chapter 8
 *       (forecast verification).
 *   <li><b>Reliability bins</b> for a calibration chart: the forecasts split into k equal-width
 *       bins of [0, 1]; per bin the count, mean forecast and observed event frequency (Wilks 2011,
 *       chapter 8).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ClassificationScores {
  /** The usual number of reliability bins: ten bins of width 0.1. */
  public static final int DEFAULT_RELIABILITY_BINS = 10;

  private ClassificationScores() {}

  /**
   * The AUC of {@code score} for {@code outcome} (formula in the class javadoc).
   *
   * @param score the forecast score of each observation (a probability, or any finite number: only
   *     the order matters)
   * @param outcome o_t, same length
   * @return the AUC in [0, 1], or empty when the sample has only events or only non-events
   * @throws IllegalArgumentException on empty, mismatched or non-finite input
   */
  public static OptionalDouble auc(double[] score, boolean[] outcome) {
    check(SampleChecks.finite(score, "score"), outcome);
    int n = score.length;
    long events = 0;
    for (boolean o : outcome) {
      events += o ? 1 : 0;
    }
    long nonEvents = n - events;
    if (events == 0 || nonEvents == 0) {
      return OptionalDouble.empty();
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    double eventRankSum = 0;
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && score[order[end + 1]] == score[order[start]]) {
        end++;
      }
      // ranks start+1 .. end+1 (1-based) tie: each gets their mean
      double midrank = (start + end + 2) / 2d;
      for (int k = start; k <= end; k++) {
        if (outcome[order[k]]) {
          eventRankSum += midrank;
        }
      }
      start = end + 1;
    }
    double auc = (eventRankSum - events * (events + 1) / 2d) / ((double) events * nonEvents);
    return OptionalDouble.of(Math.min(1d, Math.max(0d, auc)));
  }

  /**
   * The Brier score (1/n) Σ (p_t − o_t)², in [0, 1].
   *
   * @param probability p_t, each in [0, 1]
   * @param outcome o_t, same length
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input
   */
  public static double brier(double[] probability, boolean[] outcome) {
    check(SampleChecks.probabilities(probability, "probability"), outcome);
    double sum = 0;
    for (int t = 0; t < probability.length; t++) {
      double e = probability[t] - (outcome[t] ? 1d : 0d);
      sum += e * e;
    }
    return sum / probability.length;
  }

  /** The event rate ō = (1/n) Σ o_t of the sample, in [0, 1]. */
  public static double baseRate(boolean[] outcome) {
    SampleChecks.nonEmpty(outcome, "outcome");
    int events = 0;
    for (boolean o : outcome) {
      events += o ? 1 : 0;
    }
    return (double) events / outcome.length;
  }

  /**
   * The Brier score of climatology at the sample's own base rate: ō(1 − ō).
   *
   * @throws IllegalArgumentException if the outcomes are null or empty
   */
  public static double climatologyBrier(boolean[] outcome) {
    double rate = baseRate(outcome);
    return rate * (1d - rate);
  }

  /**
   * The Brier score of the constant forecast {@code referenceRate} (e.g. the training sample's base
   * rate): ō(1 − r)² + (1 − ō) r².
   *
   * @throws IllegalArgumentException if the outcomes are null or empty or r is outside [0, 1]
   */
  public static double climatologyBrier(boolean[] outcome, double referenceRate) {
    checkRate(referenceRate);
    double rate = baseRate(outcome);
    return rate * (1d - referenceRate) * (1d - referenceRate)
        + (1d - rate) * referenceRate * referenceRate;
  }

  /**
   * AUC, Brier score and Brier skill score against climatology at the sample's own base rate.
   *
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input
   */
  public static StressScores score(double[] probability, boolean[] outcome) {
    return score(probability, outcome, baseRate(outcome));
  }

  /**
   * AUC, Brier score and Brier skill score against the climatology forecast {@code referenceRate}
   * (e.g. the base rate of the training sample).
   *
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input
   */
  public static StressScores score(double[] probability, boolean[] outcome, double referenceRate) {
    double brier = brier(probability, outcome);
    double referenceBrier = climatologyBrier(outcome, referenceRate);
    OptionalDouble auc = auc(probability, outcome);
    int events = 0;
    for (boolean o : outcome) {
      events += o ? 1 : 0;
    }
    return new StressScores(
        outcome.length,
        events,
        (double) events / outcome.length,
        auc.isPresent() ? auc.getAsDouble() : null,
        brier,
        referenceRate,
        referenceBrier,
        referenceBrier > 0 ? 1d - brier / referenceBrier : null);
  }

  /** Reliability bins with {@link #DEFAULT_RELIABILITY_BINS} bins. */
  public static List<ReliabilityBin> reliabilityBins(double[] probability, boolean[] outcome) {
    return reliabilityBins(probability, outcome, DEFAULT_RELIABILITY_BINS);
  }

  /**
   * Splits the forecasts into {@code binCount} equal-width bins: bin i (0-based) holds the
   * forecasts with ⌊p · k⌋ = i, i.e. [i/k, (i+1)/k), the last bin also holding p = 1.
   *
   * @param probability p_t, each in [0, 1]
   * @param outcome o_t, same length
   * @param binCount k, at least 1
   * @return all k bins in order of probability, empty ones included (with null means)
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input, or k
   *     &lt; 1
   */
  public static List<ReliabilityBin> reliabilityBins(
      double[] probability, boolean[] outcome, int binCount) {
    check(SampleChecks.probabilities(probability, "probability"), outcome);
    Checks.positive(binCount, "binCount");
    int[] count = new int[binCount];
    double[] forecastSum = new double[binCount];
    int[] events = new int[binCount];
    for (int t = 0; t < probability.length; t++) {
      int i = Math.min(binCount - 1, (int) Math.floor(probability[t] * binCount));
      count[i]++;
      forecastSum[i] += probability[t];
      events[i] += outcome[t] ? 1 : 0;
    }
    List<ReliabilityBin> bins = new ArrayList<>(binCount);
    for (int i = 0; i < binCount; i++) {
      boolean empty = count[i] == 0;
      bins.add(
          new ReliabilityBin(
              (double) i / binCount,
              (double) (i + 1) / binCount,
              count[i],
              empty ? null : Math.min(1d, forecastSum[i] / count[i]),
              empty ? null : (double) events[i] / count[i]));
    }
    return List.copyOf(bins);
  }

  private static void check(double[] x, boolean[] outcome) {
    SampleChecks.nonEmpty(outcome, "outcome");
    SampleChecks.sameLength(x.length, "forecast", outcome.length, "outcome");
  }

  private static void checkRate(double referenceRate) {
    if (!(referenceRate >= 0 && referenceRate <= 1)) {
      throw new IllegalArgumentException("referenceRate must be in [0, 1], was " + referenceRate);
    }
  }
}
