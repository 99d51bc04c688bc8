package io.liqopt.ml.nn;

import java.util.List;

/** Checks on the feature rows and targets given to a {@link QuantileNet}. */
final class InputRows {
  private InputRows() {}

  /**
   * Refuses a null or empty block, a row of the wrong width or a non-finite value, naming row and
   * column.
   */
  static void checkRows(double[][] rows, List<String> featureNames, String name) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException(name + " must hold at least one row");
    }
    for (int i = 0; i < rows.length; i++) {
      checkRow(rows[i], featureNames, name + " row " + i);
    }
  }

  /** Refuses a null row, a row of the wrong width or a non-finite value, naming the column. */
  static void checkRow(double[] row, List<String> featureNames, String name) {
    if (row == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (row.length != featureNames.size()) {
      throw new IllegalArgumentException(
          name
              + " has "
              + row.length
              + " values, expected "
              + featureNames.size()
              + " features "
              + featureNames);
    }
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(
            name
                + " column "
                + j
                + " ("
                + featureNames.get(j)
                + ") is "
                + row[j]
                + "; features must be finite");
      }
    }
  }

  /** Refuses targets that are not finite and non-negative, or whose count differs from the rows. */
  static void checkTargets(double[] y, int rows, String name) {
    if (y == null || y.length != rows) {
      throw new IllegalArgumentException(
          name
              + " must hold one target per row ("
              + rows
              + "), had "
              + (y == null ? "null" : y.length));
    }
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] >= 0) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            name + " row " + i + " is " + y[i] + "; targets must be finite and >= 0");
      }
    }
  }

  /** Refuses levels that are not strictly increasing inside (0, 1). */
  static double[] checkLevels(double[] levels) {
    if (levels == null || levels.length == 0) {
      throw new IllegalArgumentException("levels must list at least one quantile level");
    }
    for (int k = 0; k < levels.length; k++) {
      if (!(levels[k] > 0 && levels[k] < 1)) {
        throw new IllegalArgumentException("levels[" + k + "] must be in (0, 1), was " + levels[k]);
      }
      if (k > 0 && !(levels[k] > levels[k - 1])) {
        throw new IllegalArgumentException(
            "levels must be strictly increasing, levels["
                + k
                + "] = "
                + levels[k]
                + " after "
                + levels[k - 1]);
      }
    }
    return levels.clone();
  }

  /** Refuses a null or empty list, blank or repeated names. */
  static List<String> checkFeatureNames(List<String> featureNames) {
    if (featureNames == null || featureNames.isEmpty()) {
      throw new IllegalArgumentException("featureNames must list at least one feature");
    }
    List<String> copy = List.copyOf(featureNames);
    if (copy.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("featureNames must not contain a blank name: " + copy);
    }
    if (copy.stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException("featureNames must be distinct: " + copy);
    }
    return copy;
  }
}
