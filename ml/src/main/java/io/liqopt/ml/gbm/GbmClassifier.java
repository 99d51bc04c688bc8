package io.liqopt.ml.gbm;

import io.liqopt.core.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Binary gradient-boosted classification trees: P(stress | x) from boosted trees fitted to the
 * multinomial log-loss −Σ_k y_k·log p_k with p = softmax(f_calm, f_stress) (Friedman 2001, "Greedy
 * Function Approximation", §4.6; XGBoost's multi:softprob, Chen and Guestrin 2016), through
 * Tribuo's {@code XGBoostClassificationTrainer}. Label {@code true} is {@value #STRESS}, {@code
 * false} is {@value #CALM}.
 *
 * <p>{@link #probability(double[])} is the raw model probability; calibrate it with {@link
 * ProbabilityCalibration} fitted on a validation block. Deterministic for a given seed (fixed
 * thread count). Immutable.
 */
public final class GbmClassifier {
  /** Model kind recorded in the file and checked on load. */
  static final String KIND = "GbmClassifier";

  static final String STRESS = "stress";
  static final String CALM = "calm";

  /** Probabilities are clipped to [ε, 1 − ε] in the validation log-loss so that it stays finite. */
  static final double LOG_LOSS_EPSILON = 1e-15;

  private static final LabelFactory FACTORY = new LabelFactory();
  private static final Label STRESS_LABEL = new Label(STRESS);
  private static final Label CALM_LABEL = new Label(CALM);

  private final XGBoostModel<Label> model;
  private final FeatureRows rows;
  private final GbmParams params;
  private final long seed;
  private final BoosterScorer scorer;

  private GbmClassifier(XGBoostModel<Label> model, FeatureRows rows, GbmParams params, long seed) {
    this.model = model;
    this.rows = rows;
    this.params = params;
    this.seed = seed;
    // multi:softprob gives one probability column per label, in Tribuo's label-ID order
    int stressId = model.getOutputIDInfo().getID(STRESS_LABEL);
    if (stressId < 0
        || model.getOutputIDInfo().getID(CALM_LABEL) < 0
        || model.getOutputIDInfo().size() != 2) {
      throw new IllegalArgumentException(
          "the model does not predict exactly the labels "
              + STRESS
              + " and "
              + CALM
              + " but "
              + model.getOutputIDInfo().getDomain());
    }
    this.scorer = BoosterScorer.of(model, rows, stressId);
  }

  /**
   * Trains XGBoost on (x, y); y must hold both classes.
   *
   * @throws IllegalArgumentException on a non-finite value (naming row and column), mismatched
   *     sizes, or a single-class y
   */
  public static GbmClassifier train(
      double[][] x, boolean[] y, List<String> featureNames, GbmParams params, long seed) {
    return train(x, y, featureNames, params, seed, GbmRegressor.DEFAULT_THREADS);
  }

  /**
   * As {@link #train(double[][], boolean[], List, GbmParams, long)} with {@code threads} XGBoost
   * threads (see {@link GbmRegressor#DEFAULT_THREADS}).
   */
  public static GbmClassifier train(
      double[][] x,
      boolean[] y,
      List<String> featureNames,
      GbmParams params,
      long seed,
      int threads) {
    Objects.requireNonNull(params, "params");
    Checks.positive(threads, "threads");
    FeatureRows rows = FeatureRows.of(featureNames);
    Objects.requireNonNull(y, "y");
    rows.checkAll(x, y.length, "x");
    int events = 0;
    for (boolean b : y) {
      events += b ? 1 : 0;
    }
    if (events == 0 || events == y.length) {
      throw new IllegalArgumentException(
          "y must hold both classes; it has " + events + " stress rows of " + y.length);
    }
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("liqopt gbm classification rows", FACTORY), FACTORY);
    for (int i = 0; i < y.length; i++) {
      data.add(rows.example(y[i] ? STRESS_LABEL : CALM_LABEL, x[i]));
    }
    XGBoostClassificationTrainer trainer =
        new XGBoostClassificationTrainer(
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
    XGBoostModel<Label> model =
        trainer.train(data, TribuoModelFile.runProvenance(KIND, rows.names(), params, seed));
    return new GbmClassifier(model, rows, params, seed);
  }

  /**
   * Trains every candidate of {@code grid} on (x, y), scores the mean log-loss −(1/n)·Σ [y_i·log
   * p_i + (1 − y_i)·log(1 − p_i)] (p clipped to [ε, 1 − ε], ε = {@value #LOG_LOSS_EPSILON}) on
   * (xVal, yVal), and returns the lowest-loss candidate (first on ties) as trained on (x, y), not
   * refitted.
   */
  public static Selection<GbmClassifier> select(
      double[][] x,
      boolean[] y,
      double[][] xVal,
      boolean[] yVal,
      List<String> featureNames,
      List<GbmParams> grid,
      long seed) {
    Objects.requireNonNull(yVal, "yVal");
    FeatureRows.of(featureNames).checkAll(xVal, yVal.length, "xVal");
    return Selection.bestOf(
        grid,
        p -> train(x, y, featureNames, p, seed),
        m -> logLoss(m.probability(xVal), yVal),
        GbmClassifier::params,
        "log-loss");
  }

  /** Mean binary log-loss with probabilities clipped to [ε, 1 − ε]. */
  static double logLoss(double[] probability, boolean[] outcome) {
    double sum = 0;
    for (int i = 0; i < probability.length; i++) {
      double p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, probability[i]));
      sum -= outcome[i] ? Math.log(p) : Math.log1p(-p);
    }
    return sum / probability.length;
  }

  /** Raw (uncalibrated) P(stress) for one row of finite values in {@link #featureNames()} order. */
  public double probability(double[] row) {
    rows.check(row, 0);
    return checkedProbability(scorer.score(new double[][] {row})[0], 0);
  }

  /**
   * Raw P(stress) for many rows in one native call, equal to Tribuo's {@code XGBoostModel.predict}.
   */
  public double[] probability(double[][] rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    for (int i = 0; i < rows.length; i++) {
      this.rows.check(rows[i], i);
    }
    double[] p = scorer.score(rows);
    for (int i = 0; i < p.length; i++) {
      checkedProbability(p[i], i);
    }
    return p;
  }

  private static double checkedProbability(double p, int rowIndex) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalStateException("XGBoost returned probability " + p + " for row " + rowIndex);
    }
    return p;
  }

  /** The Tribuo model (for tests that compare with Tribuo's own prediction path). */
  XGBoostModel<Label> tribuoModel() {
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
   * @throws IllegalArgumentException if it holds another model type (e.g. a {@link GbmRegressor}),
   *     or was trained on feature names other than {@code expectedFeatureNames} (names and order),
   *     or does not know both labels
   */
  public static GbmClassifier load(Path file, List<String> expectedFeatureNames)
      throws IOException {
    TribuoModelFile.Loaded<Label> loaded =
        TribuoModelFile.load(file, Label.class, KIND, expectedFeatureNames);
    return new GbmClassifier(
        loaded.model(), FeatureRows.of(loaded.featureNames()), loaded.params(), loaded.seed());
  }
}
