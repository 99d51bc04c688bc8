package io.liqopt.ml.gbm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/**
 * The fixed feature schema of a model: checks {@code double[]} rows against it and turns them into
 * Tribuo examples. Tribuo addresses features by name (and sorts them internally), so every example
 * is built from the same names array in the caller's column order. Immutable.
 */
final class FeatureRows {
  private final List<String> names;
  private final String[] namesArray;

  private FeatureRows(List<String> names) {
    this.names = names;
    this.namesArray = names.toArray(String[]::new);
  }

  /** Validates the feature names: at least one, none blank, no duplicates. */
  static FeatureRows of(List<String> featureNames) {
    if (featureNames == null || featureNames.isEmpty()) {
      throw new IllegalArgumentException("featureNames must not be empty");
    }
    List<String> copy = List.copyOf(featureNames);
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < copy.size(); j++) {
      String name = copy.get(j);
      if (name.isBlank()) {
        throw new IllegalArgumentException("feature name " + j + " is blank");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "feature name '" + name + "' appears twice (column " + j + ")");
      }
    }
    return new FeatureRows(copy);
  }

  List<String> names() {
    return names;
  }

  int width() {
    return namesArray.length;
  }

  /** Checks that {@code row} has one finite value per feature; the message names row and column. */
  void check(double[] row, int rowIndex) {
    if (row == null) {
      throw new IllegalArgumentException("row " + rowIndex + " is null");
    }
    if (row.length != namesArray.length) {
      throw new IllegalArgumentException(
          "row "
              + rowIndex
              + " has "
              + row.length
              + " values, expected "
              + namesArray.length
              + " (one per feature)");
    }
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(
            "row "
                + rowIndex
                + ", column "
                + j
                + " ('"
                + namesArray[j]
                + "') is not finite: "
                + row[j]);
      }
    }
  }

  /** Checks every row of {@code x}, which must have {@code expectedRows} rows (at least one). */
  void checkAll(double[][] x, int expectedRows, String what) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(what + " must have at least one row");
    }
    if (x.length != expectedRows) {
      throw new IllegalArgumentException(
          what + " has " + x.length + " rows but there are " + expectedRows + " targets");
    }
    for (int i = 0; i < x.length; i++) {
      check(x[i], i);
    }
  }

  /** One example; the row must already be checked. */
  <T extends Output<T>> ArrayExample<T> example(T output, double[] row) {
    return new ArrayExample<>(output, namesArray, row);
  }
}
