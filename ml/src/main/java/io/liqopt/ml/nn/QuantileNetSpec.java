package io.liqopt.ml.nn;

import java.util.List;

/**
 * The JSON description saved beside the DJL parameters of a {@link QuantileNet} ({@value
 * QuantileNet#SPEC_FILE}). It holds no checksum: the bundle manifest checksums every file. {@code
 * probeOutputs} are the network's scaled outputs for {@link QuantileNet#PROBE_ROWS} fixed
 * standardised inputs, re-computed and compared at load time so that parameters that parse but are
 * not the saved ones are refused.
 *
 * @param formatVersion {@value QuantileNet#FORMAT_VERSION}
 * @param levels quantile levels τ_1 < … < τ_K
 * @param featureNames input columns, in order
 * @param featureMeans training-row means μ_j
 * @param featureStds training-row standard deviations σ_j
 * @param targetScale the network predicts y / targetScale (mean training target)
 * @param conformalOffsets per level, added to the network's quantile (target units); zeros if none
 * @param hiddenSizes hidden layer widths
 * @param paramsFile the parameter file's name in the same folder
 * @param paramsBytes the parameter file's exact length
 * @param probeOutputs {@code PROBE_ROWS × K} scaled outputs, row-major
 * @param trainingParams the hyper-parameters used
 * @param seed the training seed
 * @param trainingLog the training log
 */
record QuantileNetSpec(
    int formatVersion,
    List<Double> levels,
    List<String> featureNames,
    List<Double> featureMeans,
    List<Double> featureStds,
    double targetScale,
    List<Double> conformalOffsets,
    List<Integer> hiddenSizes,
    String paramsFile,
    long paramsBytes,
    List<Double> probeOutputs,
    QuantileNetParams trainingParams,
    long seed,
    TrainingLog trainingLog) {

  /** Refuses a description that is incomplete or inconsistent. */
  QuantileNetSpec {
    if (formatVersion != QuantileNet.FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "formatVersion " + formatVersion + " is not " + QuantileNet.FORMAT_VERSION);
    }
    levels = boxed(InputRows.checkLevels(levels == null ? null : unboxed(levels)));
    featureNames = InputRows.checkFeatureNames(featureNames);
    FeatureStandardisation.of(
        requireLength(featureMeans, featureNames.size(), "featureMeans"),
        requireLength(featureStds, featureNames.size(), "featureStds"));
    featureMeans = List.copyOf(featureMeans);
    featureStds = List.copyOf(featureStds);
    if (!(targetScale > 0) || !Double.isFinite(targetScale)) {
      throw new IllegalArgumentException(
          "targetScale must be positive and finite, was " + targetScale);
    }
    conformalOffsets =
        boxed(
            requireFinite(
                requireLength(conformalOffsets, levels.size(), "conformalOffsets"),
                "conformalOffsets"));
    if (hiddenSizes == null || hiddenSizes.isEmpty()) {
      throw new IllegalArgumentException("hiddenSizes is missing");
    }
    hiddenSizes = List.copyOf(hiddenSizes);
    for (int units : hiddenSizes) {
      if (units <= 0) {
        throw new IllegalArgumentException("hiddenSizes must be positive: " + hiddenSizes);
      }
    }
    if (!QuantileNet.PARAMS_FILE.equals(paramsFile)) {
      throw new IllegalArgumentException(
          "paramsFile must be " + QuantileNet.PARAMS_FILE + ", was " + paramsFile);
    }
    if (paramsBytes <= 0) {
      throw new IllegalArgumentException("paramsBytes must be positive, was " + paramsBytes);
    }
    probeOutputs =
        boxed(
            requireFinite(
                requireLength(probeOutputs, QuantileNet.PROBE_ROWS * levels.size(), "probeOutputs"),
                "probeOutputs"));
    if (trainingParams == null || trainingLog == null) {
      throw new IllegalArgumentException("trainingParams and trainingLog are required");
    }
  }

  /** The values of a list as a new array. */
  static double[] unboxed(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The values of an array as an unmodifiable list. */
  static List<Double> boxed(double[] values) {
    return List.copyOf(java.util.Arrays.stream(values).boxed().toList());
  }

  private static double[] requireLength(List<Double> values, int length, String name) {
    if (values == null || values.size() != length) {
      throw new IllegalArgumentException(
          name
              + " must hold "
              + length
              + " values, had "
              + (values == null ? "none" : values.size()));
    }
    if (values.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(name + " must not hold null");
    }
    return unboxed(values);
  }

  private static double[] requireFinite(double[] values, String name) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            name + " must be finite: " + java.util.Arrays.toString(values));
      }
    }
    return values;
  }
}
