package io.liqopt.core.feature;

import java.util.Objects;

/**
 * Feature values of one series, one row per bar and one column per feature of the {@link
 * FeatureSchema}. A value is NaN where the feature is undefined at that bar (its window reaches
 * back before the first bar); nothing is filled.
 *
 * <p>Immutable once built (the columns are never handed out) and thread-safe.
 */
public final class FeatureMatrix {
  private final String symbol;
  private final FeatureSchema schema;
  private final long[] openTimeMs;
  private final double[][] columns;

  FeatureMatrix(String symbol, FeatureSchema schema, long[] openTimeMs, double[][] columns) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.schema = Objects.requireNonNull(schema, "schema");
    if (columns.length != schema.size()) {
      throw new IllegalArgumentException(
          columns.length + " columns for a schema of " + schema.size() + " features");
    }
    for (double[] c : columns) {
      if (c.length != openTimeMs.length) {
        throw new IllegalArgumentException("feature columns differ in length");
      }
    }
    this.openTimeMs = openTimeMs;
    this.columns = columns;
  }

  /** The symbol of the series. */
  public String symbol() {
    return symbol;
  }

  /** The schema of the columns. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The number of rows (bars). */
  public int rows() {
    return openTimeMs.length;
  }

  /** The open time of the bar of row {@code row}, UTC epoch ms. */
  public long openTimeMs(int row) {
    return openTimeMs[row];
  }

  /** The value of feature {@code column} at {@code row}; NaN if undefined there. */
  public double value(int row, int column) {
    return columns[column][row];
  }

  /** The value of the named feature at {@code row}; NaN if undefined there. */
  public double value(int row, String feature) {
    return columns[schema.indexOf(feature)][row];
  }

  /** Copies row {@code row} into {@code into} (length = number of features) and returns it. */
  public double[] row(int row, double[] into) {
    for (int c = 0; c < columns.length; c++) {
      into[c] = columns[c][row];
    }
    return into;
  }

  /** True if every feature is defined (finite) at {@code row}. */
  public boolean isComplete(int row) {
    for (double[] c : columns) {
      if (!Double.isFinite(c[row])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first {@code rows} rows (features are causal, so they are those of the first bars alone).
   */
  public FeatureMatrix prefix(int rows) {
    if (rows < 0 || rows > rows()) {
      throw new IllegalArgumentException("prefix of " + rows + " rows of " + rows());
    }
    double[][] c = new double[columns.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = java.util.Arrays.copyOf(columns[i], rows);
    }
    return new FeatureMatrix(symbol, schema, java.util.Arrays.copyOf(openTimeMs, rows), c);
  }

  /** Rows {@code from} to {@code from + count − 1}, as a matrix of their own. */
  FeatureMatrix rows(int from, int count) {
    double[][] c = new double[columns.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = java.util.Arrays.copyOfRange(columns[i], from, from + count);
    }
    return new FeatureMatrix(
        symbol, schema, java.util.Arrays.copyOfRange(openTimeMs, from, from + count), c);
  }

  /** These rows followed by the rows of {@code more} from row {@code from} on. */
  FeatureMatrix append(FeatureMatrix more, int from) {
    int n = rows() + more.rows() - from;
    double[][] c = new double[columns.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = java.util.Arrays.copyOf(columns[i], n);
      System.arraycopy(more.columns[i], from, c[i], rows(), more.rows() - from);
    }
    long[] t = java.util.Arrays.copyOf(openTimeMs, n);
    System.arraycopy(more.openTimeMs, from, t, rows(), more.rows() - from);
    return new FeatureMatrix(symbol, schema, t, c);
  }

  /** A copy of one column. */
  public double[] column(String feature) {
    return columns[schema.indexOf(feature)].clone();
  }
}
