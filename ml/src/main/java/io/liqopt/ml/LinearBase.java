package io.liqopt.ml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.liqopt.core.Checks;
import io.liqopt.core.stats.Quantiles;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * A pooled linear regression of log realised variance on log-volatility inputs, the base the
 * variance trees correct: ŷ = b₀ + Σ b<sub>j</sub>·clamp(x<sub>j</sub>, lower<sub>j</sub>,
 * upper<sub>j</sub>). It is a HAR-RV regression (Corsi 2009) widened to the range and EWMA
 * estimators and the market's variance. Trees predict a constant outside the range of their
 * training data; the base carries the forecast along when volatility leaves it (the 2023 lows after
 * the 2021 highs), and the trees learn what is not linear (Friedman 2001 boosts from a constant;
 * here from this base).
 *
 * <p>Inputs are clamped to the 0.1 % and 99.9 % quantiles of the fit rows, so a flat day (log
 * variance floored at −46) cannot swing the forecast; the same bounds apply when forecasting.
 *
 * <p>Immutable (arrays are copied in and out; {@link #predict} reads them in place); round-trips
 * through Jackson JSON as {@code columns, intercept, coefficients, lower, upper}.
 */
@JsonPropertyOrder({"columns", "intercept", "coefficients", "lower", "upper"})
public final class LinearBase {
  /** The log-volatility inputs of the base (all present in the feature schema). */
  public static final List<String> DEFAULT_COLUMNS =
      List.of(
          "log_rv_1d",
          "log_rv_1w",
          "log_rv_1m",
          "log_parkinson_1d",
          "log_garman_klass_1d",
          "log_rogers_satchell_1d",
          "log_yang_zhang_1d",
          "log_ewma_var",
          "mkt_log_rv_1d");

  static final double CLAMP_TAIL = 0.001;

  /**
   * Ridge penalty per row on the standardised coefficients (a numerical safeguard, not a prior).
   */
  static final double RIDGE = 1e-6;

  private final List<String> columns;
  private final double intercept;
  private final double[] coefficients;
  private final double[] lower;
  private final double[] upper;

  /**
   * Checks and copies the base.
   *
   * @param columns the input columns, by name
   * @param intercept b₀
   * @param coefficients b<sub>j</sub>, one per column
   * @param lower clamp floor per column
   * @param upper clamp ceiling per column
   */
  @JsonCreator
  public LinearBase(
      @JsonProperty("columns") List<String> columns,
      @JsonProperty("intercept") double intercept,
      @JsonProperty("coefficients") double[] coefficients,
      @JsonProperty("lower") double[] lower,
      @JsonProperty("upper") double[] upper) {
    columns = List.copyOf(columns);
    coefficients = coefficients.clone();
    lower = lower.clone();
    upper = upper.clone();
    int n = columns.size();
    if (coefficients.length != n || lower.length != n || upper.length != n) {
      throw new IllegalArgumentException(
          "linear base: "
              + n
              + " columns but "
              + coefficients.length
              + " coefficients and "
              + lower.length
              + "/"
              + upper.length
              + " bounds");
    }
    Checks.finite(intercept, "intercept");
    for (int j = 0; j < n; j++) {
      Checks.finite(coefficients[j], "coefficients[" + j + "]");
      Checks.finite(lower[j], "lower[" + j + "]");
      Checks.finite(upper[j], "upper[" + j + "]");
      if (lower[j] > upper[j]) {
        throw new IllegalArgumentException("linear base: lower > upper for " + columns.get(j));
      }
    }
    this.columns = columns;
    this.intercept = intercept;
    this.coefficients = coefficients;
    this.lower = lower;
    this.upper = upper;
  }

  /** The input columns, by name. */
  @JsonProperty("columns")
  public List<String> columns() {
    return columns;
  }

  /** b₀. */
  @JsonProperty("intercept")
  public double intercept() {
    return intercept;
  }

  /** A copy of b<sub>j</sub>, one per column. */
  @JsonProperty("coefficients")
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** A copy of the clamp floor per column. */
  @JsonProperty("lower")
  public double[] lower() {
    return lower.clone();
  }

  /** A copy of the clamp ceiling per column. */
  @JsonProperty("upper")
  public double[] upper() {
    return upper.clone();
  }

  /**
   * Fits the base by (nearly unpenalised) ridge least squares on rows {@code x} (laid out as {@code
   * names}) against {@code y}.
   *
   * @throws IllegalArgumentException if a column is missing or the regression is singular
   */
  public static LinearBase fit(double[][] x, double[] y, List<String> names, List<String> columns) {
    if (x.length != y.length || x.length <= columns.size() + 1) {
      throw new IllegalArgumentException(
          "linear base needs more rows than inputs and one target per"
              + " row, had "
              + x.length
              + " rows and "
              + y.length
              + " targets");
    }
    int[] at = indices(names, columns);
    int n = columns.size();
    double[] lower = new double[n];
    double[] upper = new double[n];
    clampBounds(x, at, lower, upper);
    // ridge regression on standardised columns, λ = RIDGE·n: the log-volatility inputs are
    // strongly collinear, and exactly so when the market asset is the only one (its own daily RV
    // is the market's); a constant column gets weight 0
    int rows = x.length;
    double[] mean = new double[n];
    double[] sd = new double[n];
    double yMean = 0;
    for (int i = 0; i < rows; i++) {
      yMean += y[i] / rows;
      for (int j = 0; j < n; j++) {
        mean[j] += clamp(x[i][at[j]], lower[j], upper[j]) / rows;
      }
    }
    double[][] z = new double[rows][n];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        z[i][j] = clamp(x[i][at[j]], lower[j], upper[j]) - mean[j];
        sd[j] += z[i][j] * z[i][j] / rows;
      }
    }
    for (int j = 0; j < n; j++) {
      sd[j] = Math.sqrt(sd[j]);
      if (sd[j] <= 1e-12 * Math.max(1, Math.abs(mean[j]))) {
        sd[j] = 0; // constant up to rounding in the mean
      }
    }
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        double zj = sd[j] > 0 ? z[i][j] / sd[j] : 0;
        b[j] += zj * (y[i] - yMean);
        for (int k = 0; k <= j; k++) {
          a[j][k] += zj * (sd[k] > 0 ? z[i][k] / sd[k] : 0);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < j; k++) {
        a[k][j] = a[j][k];
      }
      a[j][j] += RIDGE * rows;
    }
    double[] beta;
    try {
      beta =
          new CholeskyDecomposition(new Array2DRowRealMatrix(a, false))
              .getSolver()
              .solve(new ArrayRealVector(b, false))
              .toArray();
    } catch (MathIllegalArgumentException e) {
      throw new IllegalArgumentException(
          "linear base regression failed on " + rows + " rows: " + e.getMessage(), e);
    }
    double[] coefficients = new double[n];
    double intercept = yMean;
    for (int j = 0; j < n; j++) {
      coefficients[j] = sd[j] > 0 ? beta[j] / sd[j] : 0;
      intercept -= coefficients[j] * mean[j];
    }
    return new LinearBase(columns, intercept, coefficients, lower, upper);
  }

  /**
   * The clamp bounds of each column: its {@link #CLAMP_TAIL} and 1 − {@link #CLAMP_TAIL} sample
   * quantiles over the fit rows ({@link Quantiles}, type 7), written into {@code lower} and {@code
   * upper}.
   */
  private static void clampBounds(double[][] x, int[] at, double[] lower, double[] upper) {
    double[] col = new double[x.length];
    for (int j = 0; j < at.length; j++) {
      for (int i = 0; i < x.length; i++) {
        col[i] = x[i][at[j]];
      }
      Arrays.sort(col);
      lower[j] = Quantiles.ofSorted(col, CLAMP_TAIL);
      upper[j] = Quantiles.ofSorted(col, 1 - CLAMP_TAIL);
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  /** The input positions of this base's columns among {@code names}. */
  public int[] bind(List<String> names) {
    return indices(names, columns);
  }

  /** ŷ for each row, the columns found at {@code at} (from {@link #bind}). */
  public double[] predict(double[][] x, int[] at) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = intercept;
      for (int j = 0; j < at.length; j++) {
        v += coefficients[j] * clamp(x[i][at[j]], lower[j], upper[j]);
      }
      out[i] = v;
    }
    return out;
  }

  private static int[] indices(List<String> names, List<String> columns) {
    int[] at = new int[columns.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = names.indexOf(columns.get(j));
      if (at[j] < 0) {
        throw new IllegalArgumentException(
            "linear base input '" + columns.get(j) + "' is not among the model's input columns");
      }
    }
    return at;
  }
}
