package io.liqopt.ml.gbm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A monotone (non-decreasing) map from a raw model probability to a calibrated one, fitted on a
 * validation block only (never on the rows the model was trained on). Three forms:
 *
 * <ul>
 *   <li>{@value #ISOTONIC}: the isotonic regression of the outcomes on the raw probability by
 *       pool-adjacent-violators (Zadrozny and Elkan 2002, "Transforming classifier scores into
 *       accurate multiclass probability estimates", KDD; Ayer et al. 1955). {@code breakpoints} are
 *       the raw probabilities at the edges of each pooled block, {@code values} the block's event
 *       rate; {@link #apply} interpolates linearly between breakpoints and is flat outside them.
 *   <li>{@value #PLATT}: q = σ(A·logit(p) + B), σ(z) = 1/(1 + e^−z), A = {@code slope}, B = {@code
 *       intercept}, fitted by maximum likelihood on Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ +
 *       2), t₋ = 1/(N₋ + 2) (Platt 1999, "Probabilistic outputs for support vector machines"), with
 *       Newton's method and a backtracking line search (Lin, Lin and Weng 2007, "A note on Platt's
 *       probabilistic outputs for support vector machines", Machine Learning 68). A is constrained
 *       to A ≥ 0 so that the map is non-decreasing: if the unconstrained fit has A &lt; 0, A = 0
 *       and B = logit(mean t).
 *   <li>{@value #CONSTANT}: the validation base rate, whatever the raw probability; used when the
 *       validation block holds a single class (no events at all, or only events), where no map can
 *       be estimated. {@code values} holds the rate.
 * </ul>
 *
 * <p>Immutable (arrays are copied in and out; {@link #apply} reads them in place); round-trips
 * through Jackson JSON as {@code method, breakpoints, values, slope, intercept}.
 */
@JsonPropertyOrder({"method", "breakpoints", "values", "slope", "intercept"})
public final class ProbabilityCalibration {

  public static final String ISOTONIC = "isotonic";
  public static final String PLATT = "platt";
  public static final String CONSTANT = "constant";

  /**
   * {@link #fit} uses isotonic regression when the block has at least this many rows of each class.
   */
  public static final int MIN_EVENTS_PER_CLASS_FOR_ISOTONIC = 50;

  /** Raw probabilities are clipped to [floor, 1 − floor] before the logit in Platt scaling. */
  static final double LOGIT_PROBABILITY_FLOOR = 1e-9;

  private final String method;
  private final double[] breakpoints;
  private final double[] values;
  private final double slope;
  private final double intercept;

  /**
   * Checks and copies a calibration.
   *
   * @param method {@value #ISOTONIC}, {@value #PLATT} or {@value #CONSTANT}
   * @param breakpoints isotonic: strictly increasing raw probabilities in [0, 1]; otherwise empty
   *     (null reads as empty)
   * @param values isotonic: non-decreasing calibrated probabilities in [0, 1], one per breakpoint;
   *     constant: the single rate; Platt: empty (null reads as empty)
   * @param slope Platt's A ≥ 0 (0 for the other methods)
   * @param intercept Platt's B (0 for the other methods)
   */
  @JsonCreator
  public ProbabilityCalibration(
      @JsonProperty("method") String method,
      @JsonProperty("breakpoints") double[] breakpoints,
      @JsonProperty("values") double[] values,
      @JsonProperty("slope") double slope,
      @JsonProperty("intercept") double intercept) {
    Checks.notBlank(method, "method");
    breakpoints = breakpoints == null ? new double[0] : breakpoints.clone();
    values = values == null ? new double[0] : values.clone();
    switch (method) {
      case ISOTONIC -> {
        if (breakpoints.length == 0 || breakpoints.length != values.length) {
          throw new IllegalArgumentException(
              "isotonic calibration needs as many values as breakpoints (≥ 1), had "
                  + breakpoints.length
                  + " and "
                  + values.length);
        }
        for (int i = 0; i < breakpoints.length; i++) {
          Checks.inRange(breakpoints[i], 0, 1, "breakpoints[" + i + "]");
          Checks.inRange(values[i], 0, 1, "values[" + i + "]");
          if (i > 0 && !(breakpoints[i] > breakpoints[i - 1])) {
            throw new IllegalArgumentException("breakpoints must be strictly increasing, at " + i);
          }
          if (i > 0 && !(values[i] >= values[i - 1])) {
            throw new IllegalArgumentException("values must be non-decreasing, at " + i);
          }
        }
      }
      case PLATT -> {
        Checks.nonNegativeFinite(slope, "slope");
        if (!Double.isFinite(intercept)) {
          throw new IllegalArgumentException("intercept must be finite, was " + intercept);
        }
      }
      case CONSTANT -> {
        if (values.length != 1) {
          throw new IllegalArgumentException(
              "constant calibration needs exactly one value, had " + values.length);
        }
        Checks.inRange(values[0], 0, 1, "values[0]");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown calibration method '"
                  + method
                  + "', expected "
                  + ISOTONIC
                  + ", "
                  + PLATT
                  + " or "
                  + CONSTANT);
    }
    this.method = method;
    this.breakpoints = breakpoints;
    this.values = values;
    this.slope = slope;
    this.intercept = intercept;
  }

  /** {@value #ISOTONIC}, {@value #PLATT} or {@value #CONSTANT}. */
  @JsonProperty("method")
  public String method() {
    return method;
  }

  /** A copy of the isotonic breakpoints (empty for the other methods). */
  @JsonProperty("breakpoints")
  public double[] breakpoints() {
    return breakpoints.clone();
  }

  /** A copy of the isotonic values, or the constant rate (empty for Platt). */
  @JsonProperty("values")
  public double[] values() {
    return values.clone();
  }

  /** Platt's A (0 for the other methods). */
  @JsonProperty("slope")
  public double slope() {
    return slope;
  }

  /** Platt's B (0 for the other methods). */
  @JsonProperty("intercept")
  public double intercept() {
    return intercept;
  }

  /** A calibration that always returns {@code rate} (the validation base rate). */
  public static ProbabilityCalibration constant(double rate) {
    return new ProbabilityCalibration(CONSTANT, new double[0], new double[] {rate}, 0, 0);
  }

  /**
   * Isotonic when the block has at least {@value #MIN_EVENTS_PER_CLASS_FOR_ISOTONIC} rows of each
   * class (isotonic regression over-fits small blocks: Niculescu-Mizil and Caruana 2005,
   * "Predicting good probabilities with supervised learning", ICML); else Platt when both classes
   * occur; else (a single class) the constant base rate (0 with no events, 1 with only events).
   */
  public static ProbabilityCalibration fit(double[] rawProbability, boolean[] outcome) {
    checkInputs(rawProbability, outcome);
    int events = countEvents(outcome);
    int nonEvents = outcome.length - events;
    if (events == 0 || nonEvents == 0) {
      return constant((double) events / outcome.length);
    }
    if (events >= MIN_EVENTS_PER_CLASS_FOR_ISOTONIC
        && nonEvents >= MIN_EVENTS_PER_CLASS_FOR_ISOTONIC) {
      return isotonic(rawProbability, outcome);
    }
    return platt(rawProbability, outcome);
  }

  /**
   * Pool-adjacent-violators: sort by raw probability (ties form one block), then merge adjacent
   * blocks while an earlier block's event rate exceeds a later one's. The result minimises Σ (y_i −
   * g(p_i))² over non-decreasing g (Ayer et al. 1955; Zadrozny and Elkan 2002).
   */
  public static ProbabilityCalibration isotonic(double[] rawProbability, boolean[] outcome) {
    checkInputs(rawProbability, outcome);
    Integer[] order = IntStream.range(0, rawProbability.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> rawProbability[i]));
    List<double[]> blocks = new ArrayList<>(); // {eventSum, count, minRaw, maxRaw}
    int k = 0;
    while (k < order.length) {
      double raw = rawProbability[order[k]];
      double sum = 0;
      double count = 0;
      while (k < order.length && rawProbability[order[k]] == raw) {
        sum += outcome[order[k]] ? 1 : 0;
        count++;
        k++;
      }
      double[] block = {sum, count, raw, raw};
      while (!blocks.isEmpty()) {
        double[] prev = blocks.get(blocks.size() - 1);
        if (prev[0] / prev[1] > block[0] / block[1]) {
          blocks.remove(blocks.size() - 1);
          block = new double[] {prev[0] + block[0], prev[1] + block[1], prev[2], block[3]};
        } else {
          break;
        }
      }
      blocks.add(block);
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (double[] b : blocks) {
      double rate = b[0] / b[1];
      xs.add(b[2]);
      ys.add(rate);
      if (b[3] > b[2]) {
        xs.add(b[3]);
        ys.add(rate);
      }
    }
    return new ProbabilityCalibration(
        ISOTONIC,
        xs.stream().mapToDouble(Double::doubleValue).toArray(),
        ys.stream().mapToDouble(Double::doubleValue).toArray(),
        0,
        0);
  }

  /**
   * Platt scaling on z = logit(p): maximises Σ t_i·log q_i + (1 − t_i)·log(1 − q_i), q_i = σ(A·z_i
   * + B), with Platt's smoothed targets, by Newton's method with backtracking (Lin, Lin and Weng
   * 2007, Algorithm 1). A is constrained to be non-negative (see the class comment).
   */
  public static ProbabilityCalibration platt(double[] rawProbability, boolean[] outcome) {
    checkInputs(rawProbability, outcome);
    int events = countEvents(outcome);
    int nonEvents = outcome.length - events;
    double targetEvent = (events + 1.0) / (events + 2.0);
    double targetNonEvent = 1.0 / (nonEvents + 2.0);
    int n = rawProbability.length;
    double[] z = new double[n];
    double[] t = new double[n];
    double meanTarget = 0;
    for (int i = 0; i < n; i++) {
      z[i] = logit(rawProbability[i]);
      t[i] = outcome[i] ? targetEvent : targetNonEvent;
      meanTarget += t[i] / n;
    }
    double[][] inputs = new double[n][];
    for (int i = 0; i < n; i++) {
      inputs[i] = new double[] {z[i], 1};
    }
    double[] ab =
        LogisticNewton.fit(
            inputs,
            t,
            new boolean[] {true, true},
            new double[] {0, Math.log((events + 1.0) / (nonEvents + 1.0))});
    double a = ab[0];
    double b = ab[1];
    if (!(a >= 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
      return new ProbabilityCalibration(PLATT, null, null, 0, logit(meanTarget));
    }
    return new ProbabilityCalibration(PLATT, null, null, a, b);
  }

  /**
   * The calibrated probability, in [0, 1] and non-decreasing in {@code rawProbability} ∈ [0, 1].
   */
  public double apply(double rawProbability) {
    Checks.inRange(rawProbability, 0, 1, "rawProbability");
    switch (method) {
      case CONSTANT:
        return values[0];
      case PLATT:
        return sigmoid(slope * logit(rawProbability) + intercept);
      default:
        return interpolate(rawProbability);
    }
  }

  /** {@link #apply(double)} for each element. */
  public double[] apply(double[] rawProbability) {
    double[] out = new double[rawProbability.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = apply(rawProbability[i]);
    }
    return out;
  }

  private double interpolate(double x) {
    int last = breakpoints.length - 1;
    if (x <= breakpoints[0]) {
      return values[0];
    }
    if (x >= breakpoints[last]) {
      return values[last];
    }
    int hi = Arrays.binarySearch(breakpoints, x);
    if (hi >= 0) {
      return values[hi];
    }
    hi = -hi - 1; // first breakpoint above x; 1 ≤ hi ≤ last here
    int lo = hi - 1;
    double w = (x - breakpoints[lo]) / (breakpoints[hi] - breakpoints[lo]);
    // convex combination of two values in [0, 1] ordered lo ≤ hi: stays in [values[lo], values[hi]]
    return Math.min(values[hi], Math.max(values[lo], values[lo] + w * (values[hi] - values[lo])));
  }

  private static double logit(double p) {
    double c = Math.min(1 - LOGIT_PROBABILITY_FLOOR, Math.max(LOGIT_PROBABILITY_FLOOR, p));
    return Math.log(c) - Math.log1p(-c);
  }

  private static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /** −Σ t·log σ(s) + (1 − t)·log(1 − σ(s)) with s = a·z + b, computed without overflow. */
  private static void checkInputs(double[] rawProbability, boolean[] outcome) {
    if (rawProbability == null || outcome == null || rawProbability.length == 0) {
      throw new IllegalArgumentException(
          "calibration needs at least one (probability, outcome) pair");
    }
    if (rawProbability.length != outcome.length) {
      throw new IllegalArgumentException(
          "rawProbability has "
              + rawProbability.length
              + " values but outcome has "
              + outcome.length);
    }
    for (int i = 0; i < rawProbability.length; i++) {
      Checks.inRange(rawProbability[i], 0, 1, "rawProbability[" + i + "]");
    }
  }

  private static int countEvents(boolean[] outcome) {
    int events = 0;
    for (boolean o : outcome) {
      events += o ? 1 : 0;
    }
    return events;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProbabilityCalibration c
        && method.equals(c.method)
        && Arrays.equals(breakpoints, c.breakpoints)
        && Arrays.equals(values, c.values)
        && Double.compare(slope, c.slope) == 0
        && Double.compare(intercept, c.intercept) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * method.hashCode() + Arrays.hashCode(breakpoints))
        + Arrays.hashCode(values)
        + Double.hashCode(slope)
        + 7 * Double.hashCode(intercept);
  }

  @Override
  public String toString() {
    return "ProbabilityCalibration[method="
        + method
        + ", breakpoints="
        + Arrays.toString(breakpoints)
        + ", values="
        + Arrays.toString(values)
        + ", slope="
        + slope
        + ", intercept="
        + intercept
        + "]";
  }
}
