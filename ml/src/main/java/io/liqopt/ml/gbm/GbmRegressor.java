package io.liqopt.ml.gbm;

import io.liqopt.core.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer.RegressionType;

/**
 * Gradient-boosted regression trees with squared-error loss: f(x) = Σ_{m=1..M} ν·h_m(x), each tree
 * h_m fitted to the gradient of ½(y − f)² (Friedman 2001, "Greedy Function Approximation: a
 * Gradient Boosting Machine", Ann. Statist. 29(5)), as implemented by XGBoost (Chen and Guestrin
 * 2016) through Tribuo's {@code XGBoostRegressionTrainer} ({@code RegressionType.LINEAR}, i.e.
 * reg:squarederror). M = {@link GbmParams#trees()}, ν = {@link GbmParams#eta()}.
 *
 * <p>Training is deterministic for a given seed and thread count: XGBoost's row subsampling is
 * seeded, and the histogram tree method gives the same trees for a fixed thread count (by default
 * {@value #DEFAULT_THREADS}). Instances are immutable; save with {@link #save(Path)}, read back
 * with {@link #load(Path, List)}.
 */
public final class GbmRegressor {
  /** Model kind recorded in the file and checked on load. */
  static final String KIND = "GbmRegressor";

  /**
   * XGBoost (OpenMP) threads by default: one. Fixed so that results do not depend on the machine,
   * and one because OpenMP threads spin-wait at every barrier: on a shared 2-core machine with
   * other work running, 2 threads made training 10–30× slower than 1 (measured; see the package
   * tests).
   */
  public static final int DEFAULT_THREADS = 1;

  private static final String TARGET = "target";
  private static final RegressionFactory FACTORY = new RegressionFactory();

  private final XGBoostModel<Regressor> model;
  private final FeatureRows rows;
  private final GbmParams params;
  private final long seed;
  private final BoosterScorer scorer;

  private GbmRegressor(
      XGBoostModel<Regressor> model, FeatureRows rows, GbmParams params, long seed) {
    this.model = model;
    this.rows = rows;
    this.params = params;
    this.seed = seed;
    // one output dimension, so one booster with one output column
    this.scorer = BoosterScorer.of(model, rows, 0);
  }

  /**
   * Trains squared-error XGBoost on (x, y).
   *
   * @param x training rows, one finite value per feature in {@code featureNames} order
   * @param y finite targets, one per row
   * @param featureNames unique, non-blank feature names (the column order of every row)
   * @param params hyper-parameters
   * @param seed XGBoost's random seed (row subsampling)
   * @throws IllegalArgumentException on a non-finite value (naming row and column) or mismatched
   *     sizes
   */
  public static GbmRegressor train(
      double[][] x, double[] y, List<String> featureNames, GbmParams params, long seed) {
    return train(x, y, featureNames, params, seed, DEFAULT_THREADS);
  }

  /**
   * As {@link #train(double[][], double[], List, GbmParams, long)} with {@code threads} XGBoost
   * threads (worth it only on an otherwise idle machine; results are reproducible for a given seed
   * and thread count).
   */
  public static GbmRegressor train(
      double[][] x,
      double[] y,
      List<String> featureNames,
      GbmParams params,
      long seed,
      int threads) {
    Objects.requireNonNull(params, "params");
    Checks.positive(threads, "threads");
    FeatureRows rows = FeatureRows.of(featureNames);
    Objects.requireNonNull(y, "y");
    rows.checkAll(x, y.length, "x");
    MutableDataset<Regressor> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("liqopt gbm regression rows", FACTORY), FACTORY);
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("target y[" + i + "] is not finite: " + y[i]);
      }
      data.add(rows.example(new Regressor(TARGET, y[i]), x[i]));
    }
    XGBoostRegressionTrainer trainer =
        new XGBoostRegressionTrainer(
            RegressionType.LINEAR,
            params.trees(),
            params.eta(),
            0.0,
            params.maxDepth(),
            params.minChildWeight(),
            params.subsample(),
            1.0,
            1.0,
            0.0,
            threads,
            true,
            seed);
    XGBoostModel<Regressor> model =
        trainer.train(data, TribuoModelFile.runProvenance(KIND, rows.names(), params, seed));
    return new GbmRegressor(model, rows, params, seed);
  }

  /**
   * Trains every candidate of {@code grid} on (x, y), scores its mean squared error (1/n)·Σ (y_i −
   * f(x_i))² on the validation block (xVal, yVal), and returns the candidate with the lowest MSE
   * (the first on ties) <b>as trained on (x, y)</b>: it is not refitted on the union, so the
   * validation block stays out-of-sample (e.g. for calibration).
   */
  public static Selection<GbmRegressor> select(
      double[][] x,
      double[] y,
      double[][] xVal,
      double[] yVal,
      List<String> featureNames,
      List<GbmParams> grid,
      long seed) {
    Objects.requireNonNull(yVal, "yVal");
    FeatureRows.of(featureNames).checkAll(xVal, yVal.length, "xVal");
    for (int i = 0; i < yVal.length; i++) {
      if (!Double.isFinite(yVal[i])) {
        throw new IllegalArgumentException("target yVal[" + i + "] is not finite: " + yVal[i]);
      }
    }
    return Selection.bestOf(
        grid,
        p -> train(x, y, featureNames, p, seed),
        m -> {
          double[] pred = m.predict(xVal);
          double sum = 0;
          for (int i = 0; i < pred.length; i++) {
            double e = yVal[i] - pred[i];
            sum += e * e;
          }
          return sum / pred.length;
        },
        GbmRegressor::params,
        "MSE");
  }

  /** The prediction f(row) for one row of finite values in {@link #featureNames()} order. */
  public double predict(double[] row) {
    rows.check(row, 0);
    return scorer.score(new double[][] {row})[0];
  }

  /**
   * Predictions for many rows in one native call on a dense float matrix (about 3 µs per row for
   * the default 200 depth-4 trees, 30 features, in GbmTimingTest), equal to Tribuo's {@code
   * XGBoostModel.predict}.
   */
  public double[] predict(double[][] rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    for (int i = 0; i < rows.length; i++) {
      this.rows.check(rows[i], i);
    }
    return scorer.score(rows);
  }

  /** The Tribuo model (for tests that compare with Tribuo's own prediction path). */
  XGBoostModel<Regressor> tribuoModel() {
    return model;
  }

  /** The feature names, in the column order of every input row. */
  public List<String> featureNames() {
    return rows.names();
  }

  public GbmParams params() {
    return params;
  }

  /** The seed the model was trained with. */
  public long seed() {
    return seed;
  }

  /** Writes the model in Tribuo's protobuf format, atomically (temporary file, then rename). */
  public void save(Path file) throws IOException {
    TribuoModelFile.saveAtomically(model, file);
  }

  /**
   * Reads a model written by {@link #save(Path)}.
   *
   * @throws IOException if the file is unreadable, corrupt or truncated
   * @throws IllegalArgumentException if it holds another model type (e.g. a {@link GbmClassifier})
   *     or was trained on feature names other than {@code expectedFeatureNames} (names and order)
   */
  public static GbmRegressor load(Path file, List<String> expectedFeatureNames) throws IOException {
    TribuoModelFile.Loaded<Regressor> loaded =
        TribuoModelFile.load(file, Regressor.class, KIND, expectedFeatureNames);
    return new GbmRegressor(
        loaded.model(), FeatureRows.of(loaded.featureNames()), loaded.params(), loaded.seed());
  }
}
