package io.liqopt.ml.gbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

class GbmClassifierTest {
  static final int WIDTH = 4;
  static final List<String> NAMES = GbmTestData.names(WIDTH);
  static final GbmParams FAST = new GbmParams(60, 3, 0.15, 0.8, 1);

  /**
   * The AUC of the true probability σ(4·(x0 + x1² − 0.75)) on this design is ≈ 0.9 (computed by the
   * test below as {@code bayesAuc}); the model must come within {@value #AUC_SLACK} of it.
   */
  static final double AUC_SLACK = 0.03;

  static double[][] x;
  static boolean[] y;
  static double[][] xVal;
  static boolean[] yVal;
  static GbmClassifier model;

  @BeforeAll
  static void train() {
    x = GbmTestData.rows(2000, WIDTH, 11);
    y = GbmTestData.labels(x, 12);
    xVal = GbmTestData.rows(1000, WIDTH, 13);
    yVal = GbmTestData.labels(xVal, 14);
    model = GbmClassifier.train(x, y, NAMES, FAST, 7);
  }

  @Test
  void train_separableIshProblem_validationAucNearBayes() {
    double[] truth = Arrays.stream(xVal).mapToDouble(GbmTestData::stressProbability).toArray();
    double bayesAuc = GbmTestData.auc(truth, yVal);
    double auc = GbmTestData.auc(model.probability(xVal), yVal);
    assertTrue(bayesAuc > 0.85, "the problem is separable-ish: Bayes AUC " + bayesAuc);
    assertTrue(auc > bayesAuc - AUC_SLACK, "AUC " + auc + " vs Bayes " + bayesAuc);
  }

  @Test
  void probability_inUnitIntervalAndBatchEqualsSingle() {
    double[] batch = model.probability(xVal);
    for (int i = 0; i < batch.length; i++) {
      assertTrue(batch[i] >= 0 && batch[i] <= 1);
    }
    for (int i = 0; i < 30; i++) {
      assertEquals(batch[i], model.probability(xVal[i]), 0.0);
    }
  }

  @Test
  void probability_fastPath_equalsTribuoStressScore() {
    // names deliberately unsorted, so that the column → feature-ID mapping is exercised
    List<String> names = List.of("z", "b", "y", "a");
    GbmClassifier m = GbmClassifier.train(x, y, names, new GbmParams(30, 3, 0.2, 0.8, 1), 3);
    String[] arr = names.toArray(String[]::new);
    List<Example<Label>> examples =
        Arrays.stream(xVal)
            .<Example<Label>>map(r -> new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, arr, r))
            .toList();
    List<Prediction<Label>> tribuo = m.tribuoModel().predict(examples);
    double[] fast = m.probability(xVal);
    for (int i = 0; i < fast.length; i++) {
      assertEquals(
          tribuo.get(i).getOutputScores().get("stress").getScore(), fast[i], 0.0, "row " + i);
    }
  }

  @Test
  void probability_pointsTheRightWay() {
    // x0 = 1.4, x1 = 1.4: true P ≈ 1; x0 = −1.4, x1 = 0: true P ≈ 0
    assertTrue(model.probability(new double[] {1.4, 1.4, 0, 0}) > 0.9);
    assertTrue(model.probability(new double[] {-1.4, 0, 0, 0}) < 0.1);
  }

  @Test
  void train_sameSeed_identicalProbabilities() {
    GbmClassifier again = GbmClassifier.train(x, y, NAMES, FAST, 7);
    assertArrayEquals(model.probability(xVal), again.probability(xVal), 0.0);
  }

  @Test
  void train_singleClassOrNaN_refused() {
    boolean[] none = new boolean[x.length];
    assertThrows(
        IllegalArgumentException.class, () -> GbmClassifier.train(x, none, NAMES, FAST, 1));
    double[][] bad = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
    bad[9][1] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> GbmClassifier.train(bad, y, NAMES, FAST, 1));
    assertTrue(e.getMessage().contains("row 9, column 1"), e.getMessage());
    double[] row = xVal[0].clone();
    row[2] = Double.NEGATIVE_INFINITY;
    assertThrows(IllegalArgumentException.class, () -> model.probability(row));
  }

  @Test
  void saveLoad_roundTrip_identicalProbabilities(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("stress.tribuo");
    model.save(file);
    GbmClassifier loaded = GbmClassifier.load(file, NAMES);
    assertArrayEquals(model.probability(xVal), loaded.probability(xVal), 0.0);
    assertEquals(FAST, loaded.params());
    assertEquals(NAMES, loaded.featureNames());
  }

  @Test
  void load_regressorFileTruncatedOrOtherFeatures_refused(@TempDir Path dir) throws IOException {
    Path reg = dir.resolve("reg.tribuo");
    GbmRegressor.train(
            x,
            Arrays.stream(x).mapToDouble(r -> r[0]).toArray(),
            NAMES,
            new GbmParams(5, 2, 0.3, 1, 1),
            1)
        .save(reg);
    IllegalArgumentException wrongType =
        assertThrows(IllegalArgumentException.class, () -> GbmClassifier.load(reg, NAMES));
    assertTrue(wrongType.getMessage().contains("Label"), wrongType.getMessage());

    Path file = dir.resolve("stress.tribuo");
    model.save(file);
    assertThrows(
        IllegalArgumentException.class,
        () -> GbmClassifier.load(file, List.of("f0", "f1", "f2", "x")));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
    GbmRegressorTest.assertRefusal(
        assertThrows(Exception.class, () -> GbmClassifier.load(file, NAMES)));
  }

  @Test
  void select_grid_byValidationLogLoss() {
    List<GbmParams> grid = List.of(new GbmParams(3, 1, 0.05, 1, 1), FAST);
    Selection<GbmClassifier> s = GbmClassifier.select(x, y, xVal, yVal, NAMES, grid, 7);
    assertEquals(FAST, s.chosen());
    assertEquals(
        GbmClassifier.logLoss(s.model().probability(xVal), yVal),
        s.candidates().get(1).validationLoss(),
        1e-12);
    assertTrue(s.candidates().get(0).validationLoss() > s.candidates().get(1).validationLoss());
  }

  @Test
  void logLoss_knownValue() {
    // −(log 0.8 + log(1 − 0.4)) / 2 = −(−0.22314355 − 0.51082562) / 2 = 0.36698459
    assertEquals(
        0.3669845875,
        GbmClassifier.logLoss(new double[] {0.8, 0.4}, new boolean[] {true, false}),
        1e-9);
  }
}
