package io.liqopt.ml.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A neural network that forecasts K quantiles {@code q_1 ≤ … ≤ q_K} at levels {@code τ_1 < … < τ_K}
 * of a non-negative target (the maximum adverse excursion MAE_H of DESIGN.md "Forecasts", a
 * fraction of price) from one feature row.
 *
 * <p><b>Model.</b> Inputs are standardised with the means and standard deviations of the training
 * rows ({@code z_j = (x_j − μ_j)/σ_j}). The network predicts in a scaled target space, {@code y /
 * s} with {@code s} the mean training target (so a typical target is ≈ 1 whatever the horizon;
 * pinball loss is positively homogeneous, so the scaled loss is the loss divided by s). Its head
 * outputs {@code q_1 = softplus(r_1)}, {@code q_k = q_{k−1} + softplus(r_k)}: positive and
 * non-crossing by construction. Trained by Adam on the mean pinball loss {@code (1/(nK)) Σ_i Σ_k
 * ρ_τk(y_i − q_k(x_i))}, {@code ρ_τ(d) = max(τd, (τ−1)d)} (Koenker and Bassett 1978), early-stopped
 * on a validation block.
 *
 * <p><b>Conformal correction.</b> {@link #conformalized} adds per-level offsets (split-conformal,
 * one-sided; Romano, Patterson and Candès 2019). A prediction is then {@code sort_k(max(0, q̂_k(x)
 * + offset_k))} — floored at 0 and re-sorted (rearrangement, Chernozhukov, Fernández-Val and
 * Galichon 2010), so it stays non-negative and non-decreasing.
 *
 * <p><b>Thread-safety.</b> Instances are immutable apart from the shared network; predictions are
 * safe from several threads but serialised on the network (a DJL block forward is not documented as
 * thread-safe). Measured on the shared 2-core machine ({@code QuantileNetTimingTest}, 30 features,
 * default network): one row 31–47 µs through this class against 53 µs for the bare forward pass
 * through a new DJL Predictor per call, so serialising costs less than a predictor per call; two
 * threads calling at once got 33–43 µs per row in total. Prefer {@link #predict(double[][])} for
 * many rows (1000 rows: 0.3–0.6 ms).
 *
 * <p><b>Engine threads.</b> For networks this small, start the JVM with {@code
 * -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1} (read once, when DJL's
 * engine starts): on the shared 2-core machine training 300 000 × 30 rows took 12 s with one thread
 * and 162 s with PyTorch's default two. Results are bit-identical for a given seed and thread
 * count; another thread count changes the last digits (float summation order). {@link #train} sets
 * DJL's global engine seed: do not train two nets concurrently if reproducibility matters.
 *
 * <p><b>Lifetime.</b> Holds native (PyTorch) memory: close every instance, including those made by
 * {@link #conformalized} (they share the network, which is freed when the last one closes).
 */
public final class QuantileNet implements AutoCloseable {
  /** File name of the DJL parameters inside a saved folder. */
  public static final String PARAMS_FILE = "quantile-net.params";

  /** File name of the JSON description inside a saved folder. */
  public static final String SPEC_FILE = "quantile-net.json";

  static final int FORMAT_VERSION = 1;

  /** Number of fixed probe inputs whose outputs are saved and re-checked at load. */
  static final int PROBE_ROWS = 3;

  /** Relative (and absolute, in scaled units) tolerance when re-checking probe outputs at load. */
  static final double PROBE_TOLERANCE = 1e-4;

  /** Rows per NDArray in batch prediction: bounds native memory for very large blocks. */
  private static final int PREDICT_CHUNK_ROWS = 65_536;

  /**
   * Absorbs the binary representation error of τ in the conformal rank ⌈(n+1)τ⌉ (0.95·100 =
   * 95.000…01).
   */
  private static final double RANK_EPSILON = 1e-9;

  private final QuantileNetwork network;
  private final double[] levels;
  private final List<String> featureNames;
  private final FeatureStandardisation standardisation;
  private final double targetScale;
  private final double[] offsets;
  private final QuantileNetParams trainingParams;
  private final long seed;
  private final TrainingLog trainingLog;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QuantileNet(
      QuantileNetwork network,
      double[] levels,
      List<String> featureNames,
      FeatureStandardisation standardisation,
      double targetScale,
      double[] offsets,
      QuantileNetParams trainingParams,
      long seed,
      TrainingLog trainingLog) {
    this.network = network;
    this.levels = levels.clone();
    this.featureNames = List.copyOf(featureNames);
    this.standardisation = standardisation;
    this.targetScale = targetScale;
    this.offsets = offsets.clone();
    this.trainingParams = trainingParams;
    this.seed = seed;
    this.trainingLog = trainingLog;
  }

  /**
   * Trains on (x, y); early-stops on (xVal, yVal) by mean pinball loss; seeded, deterministic.
   *
   * @param x training rows, columns in {@code featureNames} order, all finite
   * @param y training targets, finite and ≥ 0, one per row
   * @param xVal validation rows (early stopping only; not used for standardisation or scaling)
   * @param yVal validation targets
   * @param levels quantile levels, strictly increasing in (0, 1)
   * @param featureNames the column names, distinct
   * @param params hyper-parameters
   * @param seed seeds weight initialisation and batch order
   * @throws IllegalArgumentException on invalid input, naming the row and column at fault
   */
  public static QuantileNet train(
      double[][] x,
      double[] y,
      double[][] xVal,
      double[] yVal,
      double[] levels,
      List<String> featureNames,
      QuantileNetParams params,
      long seed) {
    return train(x, y, xVal, yVal, levels, featureNames, params, seed, line -> {});
  }

  /** As above, telling {@code progress} each epoch and its validation loss. */
  public static QuantileNet train(
      double[][] x,
      double[] y,
      double[][] xVal,
      double[] yVal,
      double[] levels,
      List<String> featureNames,
      QuantileNetParams params,
      long seed,
      java.util.function.Consumer<String> progress) {
    List<String> names = InputRows.checkFeatureNames(featureNames);
    double[] taus = InputRows.checkLevels(levels);
    if (params == null) {
      throw new IllegalArgumentException("params must not be null");
    }
    InputRows.checkRows(x, names, "x");
    InputRows.checkTargets(y, x.length, "y");
    InputRows.checkRows(xVal, names, "xVal");
    InputRows.checkTargets(yVal, xVal.length, "yVal");
    FeatureStandardisation standardisation = FeatureStandardisation.fit(x);
    double meanTarget = Arrays.stream(y).average().orElse(0);
    double targetScale = meanTarget > 0 ? meanTarget : 1.0;
    QuantileNetTrainer.Fitted fitted =
        QuantileNetTrainer.fit(
            x, y, xVal, yVal, taus, standardisation, targetScale, params, seed, progress);
    return new QuantileNet(
        fitted.network(),
        taus,
        names,
        standardisation,
        targetScale,
        new double[taus.length],
        params,
        seed,
        fitted.log());
  }

  /** The quantile levels τ_1 < … < τ_K. */
  public double[] levels() {
    return levels.clone();
  }

  /** The feature columns, in the order rows must follow. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Quantiles at levels(), non-decreasing, ≥ 0, with the conformal offsets applied if set. */
  public double[] predict(double[] row) {
    InputRows.checkRow(row, featureNames, "row");
    return predictChecked(new double[][] {row})[0];
  }

  /**
   * Quantiles for each row (as {@link #predict(double[])}), one NDArray per block of up to 65 536
   * rows.
   *
   * <p>An empty block gives an empty result.
   *
   * @throws IllegalArgumentException if any row is invalid (naming it); nothing is predicted then
   */
  public double[][] predict(double[][] rows) {
    if (rows != null && rows.length == 0) {
      checkOpen();
      return new double[0][];
    }
    InputRows.checkRows(rows, featureNames, "rows");
    return predictChecked(rows);
  }

  private double[][] predictChecked(double[][] rows) {
    checkOpen();
    double[][] q = rawQuantiles(network, standardisation, targetScale, rows);
    for (double[] row : q) {
      for (int k = 0; k < row.length; k++) {
        row[k] = Math.max(0.0, row[k] + offsets[k]);
      }
      Arrays.sort(row);
    }
    return q;
  }

  /** The network's quantiles in target units, without offsets; rows must be valid. */
  static double[][] rawQuantiles(
      QuantileNetwork network,
      FeatureStandardisation standardisation,
      double targetScale,
      double[][] rows) {
    int width = standardisation.width();
    int k = network.outputSize();
    double[][] out = new double[rows.length][k];
    for (int from = 0; from < rows.length; from += PREDICT_CHUNK_ROWS) {
      int count = Math.min(PREDICT_CHUNK_ROWS, rows.length - from);
      float[] inputs = new float[count * width];
      standardisation.standardise(rows, from, count, inputs);
      float[] scaled = network.forward(inputs, count);
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < k; j++) {
          out[from + i][j] = scaled[i * k + j] * targetScale;
        }
      }
    }
    return out;
  }

  /**
   * Split-conformal (one-sided, per level) correction on a calibration block (Romano, Patterson and
   * Candès 2019, "Conformalized quantile regression"): with scores {@code s_i = y_i − q̂_k(x_i)}
   * (q̂ the network's quantile, before any earlier offsets), {@code offset_k} is the {@code
   * ⌈(n+1)τ_k⌉}-th smallest score (clamped to the n-th when that rank exceeds n). Under
   * exchangeability {@code P(y ≤ q̂_k(x) + offset_k) ≥ τ_k}. Returns a NEW QuantileNet sharing the
   * network with these offsets (close it too); this one is unchanged. Predictions are floored at 0
   * and re-sorted after the offsets (rearrangement).
   *
   * @param xCal calibration rows, not used in training or early stopping
   * @param yCal calibration targets, finite and ≥ 0
   */
  public QuantileNet conformalized(double[][] xCal, double[] yCal) {
    InputRows.checkRows(xCal, featureNames, "xCal");
    InputRows.checkTargets(yCal, xCal.length, "yCal");
    checkOpen();
    double[][] q = rawQuantiles(network, standardisation, targetScale, xCal);
    int n = yCal.length;
    double[] newOffsets = new double[levels.length];
    double[] scores = new double[n];
    for (int k = 0; k < levels.length; k++) {
      for (int i = 0; i < n; i++) {
        scores[i] = yCal[i] - q[i][k];
      }
      Arrays.sort(scores);
      // split-conformal rank ⌈(n + 1)τ⌉ (Romano et al. 2019), not an estimate of a quantile: the
      // finite-sample coverage guarantee needs this order statistic, so not Quantiles' type 7
      int rank = (int) Math.min(n, Math.ceil((n + 1) * levels[k] - RANK_EPSILON));
      newOffsets[k] = scores[Math.max(rank, 1) - 1];
    }
    network.retain();
    return new QuantileNet(
        network,
        levels,
        featureNames,
        standardisation,
        targetScale,
        newOffsets,
        trainingParams,
        seed,
        trainingLog);
  }

  /** The shared network (package access, for tests). */
  QuantileNetwork network() {
    return network;
  }

  /**
   * Per-level offsets added to the network's quantiles (target units); zeros if not conformalised.
   */
  public double[] conformalOffsets() {
    return offsets.clone();
  }

  /** Per-epoch train/validation pinball, best epoch. */
  public TrainingLog trainingLog() {
    return trainingLog;
  }

  /** The hyper-parameters this network was trained with. */
  public QuantileNetParams trainingParams() {
    return trainingParams;
  }

  /** The seed this network was trained with. */
  public long seed() {
    return seed;
  }

  /** The target scale s: the network predicts y / s (s = mean training target). */
  public double targetScale() {
    return targetScale;
  }

  /**
   * Writes {@value #PARAMS_FILE} (DJL block parameters) and {@value #SPEC_FILE} (levels, features,
   * standardisation, target scale, offsets, architecture, parameter file length, probe outputs,
   * training log) into {@code dir}. Atomic for readers: both files are written into a fresh sibling
   * temporary folder which is then renamed to {@code dir}; an existing {@code dir} is first renamed
   * aside and deleted after the swap.
   */
  public void save(Path dir) throws IOException {
    checkOpen();
    Path target = dir.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    byte[] parameters = network.parameterBytes();
    QuantileNetSpec spec =
        new QuantileNetSpec(
            FORMAT_VERSION,
            QuantileNetSpec.boxed(levels),
            featureNames,
            QuantileNetSpec.boxed(standardisation.means()),
            QuantileNetSpec.boxed(standardisation.stds()),
            targetScale,
            QuantileNetSpec.boxed(offsets),
            Arrays.stream(network.hiddenSizes()).boxed().toList(),
            PARAMS_FILE,
            parameters.length,
            QuantileNetSpec.boxed(QuantileNetFiles.probeOutputs(network)),
            trainingParams,
            seed,
            trainingLog);
    QuantileNetFiles.write(target, parameters, spec);
  }

  /**
   * Loads a folder written by {@link #save}.
   *
   * @param expectedFeatureNames the columns the caller will supply, in order; must equal the saved
   *     ones
   * @throws IOException if a file is missing, the JSON is invalid or inconsistent, the parameter
   *     file is truncated, extended or corrupt (it does not parse, or its probe outputs differ from
   *     the saved ones), or the feature names differ; the message says which
   */
  public static QuantileNet load(Path dir, List<String> expectedFeatureNames) throws IOException {
    List<String> expected = InputRows.checkFeatureNames(expectedFeatureNames);
    QuantileNetSpec spec = QuantileNetFiles.readSpec(dir, expected);
    QuantileNetwork network = QuantileNetFiles.readNetwork(dir, spec);
    try {
      QuantileNetFiles.checkProbes(network, spec, dir.resolve(PARAMS_FILE));
      return new QuantileNet(
          network,
          QuantileNetSpec.unboxed(spec.levels()),
          spec.featureNames(),
          FeatureStandardisation.of(
              QuantileNetSpec.unboxed(spec.featureMeans()),
              QuantileNetSpec.unboxed(spec.featureStds())),
          spec.targetScale(),
          QuantileNetSpec.unboxed(spec.conformalOffsets()),
          spec.trainingParams(),
          spec.seed(),
          spec.trainingLog());
    } catch (IOException | RuntimeException e) {
      network.release();
      throw e;
    }
  }

  /** Releases this instance's hold on the network (freed with the last holder); idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      network.release();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this QuantileNet has been closed");
    }
  }
}
