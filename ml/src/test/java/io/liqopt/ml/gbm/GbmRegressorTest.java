package io.liqopt.ml.gbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

class GbmRegressorTest {
  static final int WIDTH = 5;
  static final List<String> NAMES = GbmTestData.names(WIDTH);
  static final double NOISE_SD = 0.1;

  /**
   * The signal has variance ≈ 1.0 (sin(2·x0): ≈0.5, x1²: 0.45, 0.5·x2·x3: 0.08) and the noise 0.01,
   * so the best possible validation R² is ≈ 0.99; a linear model captures only the linear part of
   * sin(2·x0) (R² ≈ 0.2). 0.9 demands that the trees learn the curvature and the interaction.
   */
  static final double MIN_VALIDATION_R2 = 0.9;

  static final GbmParams FAST = new GbmParams(100, 4, 0.15, 0.8, 5);

  static double[][] x;
  static double[] y;
  static double[][] xVal;
  static double[] yVal;
  static GbmRegressor model;

  @BeforeAll
  static void train() {
    x = GbmTestData.rows(2000, WIDTH, 1);
    y = GbmTestData.targets(x, NOISE_SD, 2);
    xVal = GbmTestData.rows(1000, WIDTH, 3);
    yVal = GbmTestData.targets(xVal, NOISE_SD, 4);
    model = GbmRegressor.train(x, y, NAMES, FAST, 42);
  }

  static double rSquared(double[] actual, double[] predicted) {
    double mean = Arrays.stream(actual).average().orElseThrow();
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < actual.length; i++) {
      ssRes += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      ssTot += (actual[i] - mean) * (actual[i] - mean);
    }
    return 1 - ssRes / ssTot;
  }

  @Test
  void train_nonlinearFunction_validationRSquaredAboveThreshold() {
    double r2 = rSquared(yVal, model.predict(xVal));
    assertTrue(r2 > MIN_VALIDATION_R2, "validation R² " + r2);
  }

  @Test
  void train_sameSeed_identicalPredictions() {
    GbmRegressor again = GbmRegressor.train(x, y, NAMES, FAST, 42);
    assertArrayEquals(model.predict(xVal), again.predict(xVal), 0.0);
  }

  @Test
  void train_otherSeed_differentSubsamplesDifferentPredictions() {
    GbmRegressor other = GbmRegressor.train(x, y, NAMES, FAST, 43);
    assertFalse(
        Arrays.equals(model.predict(xVal), other.predict(xVal)), "the seed must reach XGBoost");
  }

  @Test
  void predict_batch_equalsRowByRow() {
    double[] batch = model.predict(xVal);
    for (int i = 0; i < 50; i++) {
      assertEquals(batch[i], model.predict(xVal[i]), 0.0);
    }
  }

  @Test
  void predict_fastPath_equalsTribuoPredict() {
    String[] names = NAMES.toArray(String[]::new);
    List<Example<Regressor>> examples =
        Arrays.stream(xVal)
            .<Example<Regressor>>map(
                r -> new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, r))
            .toList();
    List<Prediction<Regressor>> tribuo = model.tribuoModel().predict(examples);
    double[] fast = model.predict(xVal);
    for (int i = 0; i < fast.length; i++) {
      assertEquals(tribuo.get(i).getOutput().getValues()[0], fast[i], 0.0, "row " + i);
    }
    assertEquals(0, model.predict(new double[0][]).length);
  }

  @Test
  void predict_columnOrder_isTheFeatureNameOrderNotAlphabetical() {
    // names deliberately not in sorted order: Tribuo sorts names internally, rows must still map by
    // name
    List<String> names = List.of("zeta", "alpha", "mid", "beta", "omega");
    GbmRegressor m = GbmRegressor.train(x, y, names, FAST, 42);
    assertArrayEquals(model.predict(xVal), m.predict(xVal), 0.0);
    assertEquals(names, m.featureNames());
  }

  @Test
  void predict_nonFiniteInput_refusedNamingRowAndColumn() {
    double[][] rows = {xVal[0].clone(), xVal[1].clone()};
    rows[1][3] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.predict(rows));
    assertTrue(e.getMessage().contains("row 1, column 3 ('f3')"), e.getMessage());
    double[] inf = xVal[0].clone();
    inf[0] = Double.POSITIVE_INFINITY;
    assertThrows(IllegalArgumentException.class, () -> model.predict(inf));
    assertThrows(IllegalArgumentException.class, () -> model.predict(new double[WIDTH - 1]));
  }

  @Test
  void train_nonFiniteInputOrTarget_refused() {
    double[][] bad = Arrays.stream(x).limit(100).map(double[]::clone).toArray(double[][]::new);
    double[] yy = Arrays.copyOf(y, 100);
    bad[7][2] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> GbmRegressor.train(bad, yy, NAMES, FAST, 1));
    assertTrue(e.getMessage().contains("row 7, column 2"), e.getMessage());
    double[][] good = Arrays.stream(x).limit(100).toArray(double[][]::new);
    yy[5] = Double.NaN;
    assertThrows(
        IllegalArgumentException.class, () -> GbmRegressor.train(good, yy, NAMES, FAST, 1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GbmRegressor.train(
                good, Arrays.copyOf(y, 100), List.of("a", "a", "b", "c", "d"), FAST, 1));
  }

  @Test
  void saveLoad_roundTrip_identicalPredictionsParamsAndNoTempFiles(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("sub/regressor.tribuo");
    model.save(file);
    model.save(file); // overwrite in place
    GbmRegressor loaded = GbmRegressor.load(file, NAMES);
    assertArrayEquals(model.predict(xVal), loaded.predict(xVal), 0.0);
    assertEquals(FAST, loaded.params());
    assertEquals(42, loaded.seed());
    assertEquals(NAMES, loaded.featureNames());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void load_truncatedFile_refused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.tribuo");
    model.save(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    Exception e = assertThrows(Exception.class, () -> GbmRegressor.load(file, NAMES));
    assertRefusal(e);
  }

  @Test
  void load_corruptFile_refused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.tribuo");
    model.save(file);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(file, bytes);
    assertRefusal(assertThrows(Exception.class, () -> GbmRegressor.load(file, NAMES)));
    Files.writeString(file, "this is not a model");
    assertRefusal(assertThrows(Exception.class, () -> GbmRegressor.load(file, NAMES)));
    Files.write(file, new byte[0]);
    assertRefusal(assertThrows(Exception.class, () -> GbmRegressor.load(file, NAMES)));
    assertThrows(IOException.class, () -> GbmRegressor.load(dir.resolve("missing.tribuo"), NAMES));
  }

  /** A refusal is an IOException or IllegalArgumentException with a message naming the problem. */
  static void assertRefusal(Exception e) {
    assertTrue(
        e instanceof IOException || e instanceof IllegalArgumentException, "refused with " + e);
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "message of " + e);
  }

  @Test
  void load_classifierFile_refusedAsWrongType(@TempDir Path dir) throws IOException {
    boolean[] labels = new boolean[x.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = y[i] > 0.5;
    }
    Path file = dir.resolve("c.tribuo");
    GbmClassifier.train(x, labels, NAMES, new GbmParams(10, 2, 0.3, 1, 1), 1).save(file);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GbmRegressor.load(file, NAMES));
    assertTrue(
        e.getMessage().contains("predicting Label, expected one predicting Regressor"),
        e.getMessage());
  }

  @Test
  void load_tribuoModelNotWrittenByLiqopt_refused(@TempDir Path dir) throws IOException {
    RegressionFactory factory = new RegressionFactory();
    MutableDataset<Regressor> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("plain tribuo", factory), factory);
    String[] names = NAMES.toArray(String[]::new);
    for (int i = 0; i < 200; i++) {
      data.add(new ArrayExample<>(new Regressor("target", y[i]), names, x[i]));
    }
    Path file = dir.resolve("plain.tribuo");
    new XGBoostRegressionTrainer(5).train(data).serializeToFile(file);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GbmRegressor.load(file, NAMES));
    assertTrue(e.getMessage().contains("not written by liqopt"), e.getMessage());
  }

  @Test
  void train_threadsOverload_validatesAndMatchesSingleThreadDefault() {
    assertThrows(
        IllegalArgumentException.class, () -> GbmRegressor.train(x, y, NAMES, FAST, 42, 0));
    GbmRegressor one = GbmRegressor.train(x, y, NAMES, FAST, 42, GbmRegressor.DEFAULT_THREADS);
    assertArrayEquals(model.predict(xVal), one.predict(xVal), 0.0);
  }

  @Test
  void load_otherFeatureNames_refused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.tribuo");
    model.save(file);
    IllegalArgumentException renamed =
        assertThrows(
            IllegalArgumentException.class,
            () -> GbmRegressor.load(file, List.of("f0", "f1", "f2", "f3", "other")));
    assertTrue(renamed.getMessage().contains("features"), renamed.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> GbmRegressor.load(file, List.of("f1", "f0", "f2", "f3", "f4")));
    assertThrows(
        IllegalArgumentException.class,
        () -> GbmRegressor.load(file, List.of("f0", "f1", "f2", "f3")));
  }

  @Test
  void select_grid_returnsLowestValidationMseCandidateAsTrained() {
    List<GbmParams> grid =
        List.of(new GbmParams(5, 1, 0.1, 1, 1), FAST, new GbmParams(20, 2, 0.1, 1, 1));
    Selection<GbmRegressor> s = GbmRegressor.select(x, y, xVal, yVal, NAMES, grid, 42);
    assertEquals(grid.size(), s.candidates().size());
    assertEquals(FAST, s.chosen());
    assertEquals(FAST, s.model().params());
    double[] pred = s.model().predict(xVal);
    double mse = 0;
    for (int i = 0; i < pred.length; i++) {
      mse += (yVal[i] - pred[i]) * (yVal[i] - pred[i]) / pred.length;
    }
    assertEquals(mse, s.candidates().get(1).validationLoss(), 1e-12);
    // the chosen model is the one trained on (x, y) only: same as a plain train with the same seed
    assertArrayEquals(model.predict(xVal), pred, 0.0);
    for (Selection.Candidate c : s.candidates()) {
      assertTrue(c.validationLoss() >= s.candidates().get(1).validationLoss());
    }
  }

  @Test
  void gridAndDefaults_areValidAndSmall() {
    assertTrue(GbmParams.grid().size() >= 3 && GbmParams.grid().size() <= 4);
    assertTrue(GbmParams.grid().contains(GbmParams.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new GbmParams(10, 2, Double.NaN, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new GbmParams(10, 2, 0.1, 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new GbmParams(0, 2, 0.1, 1, 1));
  }

  @Test
  void zeros_constantZeroColumnAndAllZeroRow_trainSaveLoadPredict(@TempDir Path dir)
      throws IOException {
    // indicator features are often exactly 0: a column that is always 0 and an all-zero row must
    // work
    double[][] xz = Arrays.stream(x).limit(500).map(double[]::clone).toArray(double[][]::new);
    for (double[] row : xz) {
      row[4] = 0;
    }
    Arrays.fill(xz[0], 0.0);
    double[] yz = Arrays.copyOf(y, 500);
    GbmRegressor m = GbmRegressor.train(xz, yz, NAMES, FAST, 1);
    double atZero = m.predict(new double[WIDTH]);
    assertTrue(Double.isFinite(atZero));
    Path file = dir.resolve("z.tribuo");
    m.save(file);
    GbmRegressor loaded = GbmRegressor.load(file, NAMES);
    assertEquals(atZero, loaded.predict(new double[WIDTH]), 0.0);
    assertArrayEquals(m.predict(xVal), loaded.predict(xVal), 0.0);
  }
}
