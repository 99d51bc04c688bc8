package io.liqopt.ml.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Trains one small network on {@link HeteroscedasticSample} data and checks it from every side. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuantileNetTest {
  static {
    TorchThreads.preferOne();
  }

  private static final int WIDTH = 4;
  private static final double[] LEVELS = {0.5, 0.9, 0.95, 0.99};
  private static final List<String> FEATURES = HeteroscedasticSample.featureNames(WIDTH);
  private static final QuantileNetParams SMALL =
      new QuantileNetParams(new int[] {32, 16}, 20, 256, 3e-3, 4);
  private static final long SEED = 42L;

  /** Batch and single-row forwards may use different float kernels: relative tolerance. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  /** Standard errors allowed between an exceedance rate and its nominal 1 − τ. */
  private static final double EXCEEDANCE_SIGMAS = 4.0;

  private final HeteroscedasticSample train = HeteroscedasticSample.draw(3000, WIDTH, 1);
  private final HeteroscedasticSample validation = HeteroscedasticSample.draw(1000, WIDTH, 2);
  private final HeteroscedasticSample calibration = HeteroscedasticSample.draw(2000, WIDTH, 3);
  private final HeteroscedasticSample test = HeteroscedasticSample.draw(4000, WIDTH, 4);
  private QuantileNet net;
  private QuantileNet calibrated;

  @BeforeAll
  void trainOnce() {
    net =
        QuantileNet.train(
            train.x(), train.y(), validation.x(), validation.y(), LEVELS, FEATURES, SMALL, SEED);
    calibrated = net.conformalized(calibration.x(), calibration.y());
  }

  @AfterAll
  void closeAll() {
    calibrated.close();
    net.close();
  }

  @Test
  void train_heteroscedasticData_beatsUntrainedAndConstantBaseline() {
    TrainingLog log = net.trainingLog();
    // constant baseline: the empirical training quantiles, the same for every row
    double[] sorted = train.y().clone();
    Arrays.sort(sorted);
    double[][] constant = new double[validation.y().length][LEVELS.length];
    for (double[] row : constant) {
      for (int k = 0; k < LEVELS.length; k++) {
        row[k] =
            sorted[(int) Math.min(sorted.length - 1, Math.ceil(LEVELS[k] * sorted.length) - 1)];
      }
    }
    double constantLoss = PinballLoss.mean(constant, validation.y(), LEVELS);
    double netLoss = PinballLoss.mean(net.predict(validation.x()), validation.y(), LEVELS);
    assertEquals(
        log.bestValidationPinball(), netLoss, 1e-6 * netLoss, "log reports the kept epoch's loss");
    assertTrue(
        netLoss < 0.8 * log.untrainedValidationPinball(),
        netLoss + " vs untrained " + log.untrainedValidationPinball());
    assertTrue(netLoss < 0.92 * constantLoss, netLoss + " vs constant " + constantLoss);
    // and it is close to the loss of the true conditional quantiles
    double[][] truth = new double[validation.y().length][LEVELS.length];
    for (int i = 0; i < truth.length; i++) {
      for (int k = 0; k < LEVELS.length; k++) {
        truth[i][k] = HeteroscedasticSample.trueQuantile(validation.x()[i], LEVELS[k]);
      }
    }
    double oracleLoss = PinballLoss.mean(truth, validation.y(), LEVELS);
    System.out.printf(
        "pinball: net %.6g, constant %.6g, oracle %.6g, untrained %.6g, epochs %d, best %d, %d"
            + " ms%n",
        netLoss,
        constantLoss,
        oracleLoss,
        log.untrainedValidationPinball(),
        log.epochs(),
        log.bestEpoch(),
        log.trainingMillis());
    assertTrue(netLoss < 1.1 * oracleLoss, netLoss + " vs oracle " + oracleLoss);
  }

  @Test
  void trainingLog_bestEpoch_hasLowestValidationLoss() {
    TrainingLog log = net.trainingLog();
    double min =
        log.validationPinball().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertEquals(min, log.bestValidationPinball());
    assertEquals(log.trainPinball().size(), log.epochs());
    assertTrue(log.epochs() <= SMALL.maxEpochs());
    assertEquals(log.stoppedEarly(), log.epochs() < SMALL.maxEpochs());
    if (log.stoppedEarly()) {
      assertEquals(
          log.bestEpoch() + SMALL.patience(),
          log.epochs(),
          "stops after `patience` epochs without progress");
    }
  }

  /** Property over 3000 seeded random rows, far outside the training range too. */
  @Test
  void predict_randomInputs_nonDecreasingAndNonNegative() {
    Random random = new Random(7);
    double[][] rows = new double[3000][WIDTH];
    for (double[] row : rows) {
      double spread = Math.pow(10, random.nextInt(4) - 1); // 0.1 .. 100 standard deviations
      for (int j = 0; j < WIDTH; j++) {
        row[j] = spread * random.nextGaussian();
      }
    }
    for (QuantileNet model : List.of(net, calibrated)) {
      for (double[] q : model.predict(rows)) {
        assertEquals(LEVELS.length, q.length);
        assertTrue(q[0] >= 0, Arrays.toString(q));
        for (int k = 1; k < q.length; k++) {
          assertTrue(q[k] >= q[k - 1], "crossing: " + Arrays.toString(q));
        }
        for (double v : q) {
          assertTrue(Double.isFinite(v), Arrays.toString(q));
        }
      }
    }
  }

  /**
   * After conformal correction the exceedance rate on a fresh sample is 1 − τ within 4 standard
   * errors; the standard error adds the test sample's binomial variance τ(1−τ)/n_test and the
   * calibration's, τ(1−τ)/(n_cal + 2) (the conformal coverage is Beta distributed; Angelopoulos and
   * Bates 2021, "A gentle introduction to conformal prediction", §3.2).
   */
  @Test
  void conformalized_freshSample_exceedanceCloseToNominal() {
    double[][] q = calibrated.predict(test.x());
    int nTest = test.y().length;
    int nCal = calibration.y().length;
    for (int k = 0; k < LEVELS.length; k++) {
      int exceed = 0;
      for (int i = 0; i < nTest; i++) {
        if (test.y()[i] > q[i][k]) {
          exceed++;
        }
      }
      double rate = (double) exceed / nTest;
      double tau = LEVELS[k];
      double se = Math.sqrt(tau * (1 - tau) * (1.0 / nTest + 1.0 / (nCal + 2)));
      System.out.printf(
          "level %.3f: exceedance %.4f, nominal %.4f, tolerance %.4f%n",
          tau, rate, 1 - tau, EXCEEDANCE_SIGMAS * se);
      assertEquals(1 - tau, rate, EXCEEDANCE_SIGMAS * se, "level " + tau);
    }
  }

  @Test
  void conformalized_smallBlock_offsetIsRankedScore() {
    double[][] xCal = Arrays.copyOf(calibration.x(), 9);
    double[] yCal = Arrays.copyOf(calibration.y(), 9);
    double[][] raw = net.predict(xCal); // no offsets yet: the network's own quantiles
    try (QuantileNet small = net.conformalized(xCal, yCal)) {
      double[] offsets = small.conformalOffsets();
      for (int k = 0; k < LEVELS.length; k++) {
        double[] scores = new double[9];
        for (int i = 0; i < 9; i++) {
          scores[i] = yCal[i] - raw[i][k];
        }
        Arrays.sort(scores);
        // n = 9: ⌈10τ⌉ = 5 for τ = 0.5, 9 for 0.9, 10 → clamped to 9 for 0.95 and 0.99
        int rank = new int[] {5, 9, 9, 9}[k];
        assertEquals(scores[rank - 1], offsets[k], 0.0, "level " + LEVELS[k]);
      }
      double[] row = xCal[0];
      double[] expected = new double[LEVELS.length];
      for (int k = 0; k < LEVELS.length; k++) {
        expected[k] = Math.max(0, raw[0][k] + offsets[k]);
      }
      Arrays.sort(expected);
      double[] actual = small.predict(row);
      for (int k = 0; k < LEVELS.length; k++) {
        assertEquals(
            expected[k],
            actual[k],
            FLOAT_TOLERANCE * Math.abs(expected[k]) + 1e-12,
            "level " + LEVELS[k]);
      }
    }
    assertArrayEquals(
        new double[LEVELS.length], net.conformalOffsets(), 0.0, "the original is unchanged");
  }

  @Test
  void conformalized_originalClosed_copyStillPredicts() {
    QuantileNet original =
        QuantileNet.train(
            train.x(),
            train.y(),
            validation.x(),
            validation.y(),
            LEVELS,
            FEATURES,
            SMALL.withMaxEpochs(1),
            SEED);
    QuantileNet copy = original.conformalized(calibration.x(), calibration.y());
    original.close();
    original.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> original.predict(test.x()[0]));
    assertEquals(LEVELS.length, copy.predict(test.x()[0]).length);
    copy.close();
    assertThrows(IllegalStateException.class, () -> copy.predict(test.x()[0]));
  }

  @Test
  void trainAndLoad_parametersFrozen_noAutogradOnServingThreads(@TempDir Path tmp)
      throws Exception {
    assertFalse(net.network().anyParameterRequiresGradient(), "trained");
    Path dir = tmp.resolve("nn");
    net.save(dir);
    try (QuantileNet loaded = QuantileNet.load(dir, FEATURES)) {
      assertFalse(loaded.network().anyParameterRequiresGradient(), "loaded");
      double[] here = loaded.predict(test.x()[3]);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        assertArrayEquals(
            here,
            pool.submit(() -> loaded.predict(test.x()[3])).get(),
            0.0,
            "same on another thread");
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void predict_batchAndSingleRow_agree() {
    double[][] rows = Arrays.copyOf(test.x(), 50);
    double[][] batch = calibrated.predict(rows);
    for (int i = 0; i < rows.length; i++) {
      double[] single = calibrated.predict(rows[i]);
      for (int k = 0; k < LEVELS.length; k++) {
        assertEquals(batch[i][k], single[k], FLOAT_TOLERANCE * Math.abs(single[k]) + 1e-12);
      }
    }
  }

  @Test
  void predict_nanOrInfiniteInput_refusedNamingRowAndColumn() {
    double[] row = {0.1, Double.NaN, 0.2, 0.3};
    IllegalArgumentException single =
        assertThrows(IllegalArgumentException.class, () -> net.predict(row));
    assertTrue(single.getMessage().contains("column 1 (f1)"), single.getMessage());
    double[][] rows = {{0, 0, 0, 0}, {0, 0, Double.POSITIVE_INFINITY, 0}};
    IllegalArgumentException batch =
        assertThrows(IllegalArgumentException.class, () -> net.predict(rows));
    assertTrue(batch.getMessage().contains("row 1 column 2 (f2)"), batch.getMessage());
    assertThrows(IllegalArgumentException.class, () -> net.predict(new double[] {1, 2, 3}));
    assertEquals(0, net.predict(new double[0][]).length, "an empty block is not an error");
  }

  @Test
  void train_nanFeatureOrNegativeTarget_refused() {
    double[][] x = {{0, 0, 0, 0}, {0, Double.NaN, 0, 0}};
    double[] y = {0.01, 0.02};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QuantileNet.train(x, y, x, y, LEVELS, FEATURES, SMALL, SEED));
    assertTrue(e.getMessage().contains("x row 1 column 1 (f1)"), e.getMessage());
    double[][] ok = {{0, 0, 0, 0}, {1, 1, 1, 1}};
    assertThrows(
        IllegalArgumentException.class,
        () ->
            QuantileNet.train(
                ok, new double[] {0.01, -0.02}, ok, y, LEVELS, FEATURES, SMALL, SEED));
    assertThrows(
        IllegalArgumentException.class,
        () -> QuantileNet.train(ok, y, ok, y, new double[] {0.9, 0.5}, FEATURES, SMALL, SEED));
  }

  @Test
  void train_sameSeed_identicalPredictions_otherSeedDiffers() {
    HeteroscedasticSample small = HeteroscedasticSample.draw(800, WIDTH, 11);
    QuantileNetParams quick = SMALL.withMaxEpochs(3);
    double[][] a;
    double[][] b;
    double[][] c;
    try (QuantileNet first =
            QuantileNet.train(
                small.x(), small.y(), validation.x(), validation.y(), LEVELS, FEATURES, quick, 5L);
        QuantileNet second =
            QuantileNet.train(
                small.x(), small.y(), validation.x(), validation.y(), LEVELS, FEATURES, quick, 5L);
        QuantileNet other =
            QuantileNet.train(
                small.x(),
                small.y(),
                validation.x(),
                validation.y(),
                LEVELS,
                FEATURES,
                quick,
                6L)) {
      a = first.predict(test.x());
      b = second.predict(test.x());
      c = other.predict(test.x());
      assertEquals(
          first.trainingLog().validationPinball(), second.trainingLog().validationPinball());
    }
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0, "row " + i);
    }
    assertFalse(Arrays.deepEquals(a, c), "another seed gives another network");
  }

  @Test
  void saveLoad_roundTrip_identicalPredictionsAndMetadata(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("nn");
    calibrated.save(dir);
    calibrated.save(dir); // replacing an existing folder works too
    try (Stream files = new Stream(dir)) {
      assertEquals(List.of(QuantileNet.SPEC_FILE, QuantileNet.PARAMS_FILE), files.names());
    }
    assertEquals(1, countEntries(tmp), "no temporary folder left behind");
    try (QuantileNet loaded = QuantileNet.load(dir, FEATURES)) {
      assertArrayEquals(calibrated.levels(), loaded.levels(), 0.0);
      assertEquals(FEATURES, loaded.featureNames());
      assertArrayEquals(calibrated.conformalOffsets(), loaded.conformalOffsets(), 0.0);
      assertEquals(calibrated.trainingLog(), loaded.trainingLog());
      assertEquals(SMALL, loaded.trainingParams());
      assertEquals(SEED, loaded.seed());
      double[][] before = calibrated.predict(test.x());
      double[][] after = loaded.predict(test.x());
      for (int i = 0; i < before.length; i++) {
        assertArrayEquals(before[i], after[i], 0.0, "row " + i);
      }
    }
  }

  @Test
  void load_truncatedParams_refused(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("nn");
    net.save(dir);
    Path params = dir.resolve(QuantileNet.PARAMS_FILE);
    byte[] bytes = Files.readAllBytes(params);
    Files.write(params, Arrays.copyOf(bytes, bytes.length / 2));
    IOException e = assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void load_corruptParams_refused(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("nn");
    net.save(dir);
    Path params = dir.resolve(QuantileNet.PARAMS_FILE);
    byte[] original = Files.readAllBytes(params);
    // same length, garbage header
    byte[] header = original.clone();
    for (int i = 0; i < 16; i++) {
      header[i] = (byte) 0x5A;
    }
    Files.write(params, header);
    IOException headerError =
        assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    assertTrue(headerError.getMessage().contains("corrupt"), headerError.getMessage());
    // same length, parses, but the last weights (the output layer) are changed
    byte[] weights = original.clone();
    for (int i = weights.length - 40; i < weights.length - 8; i++) {
      weights[i] ^= 0x40;
    }
    Files.write(params, weights);
    IOException weightError =
        assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    assertTrue(weightError.getMessage().contains("corrupt"), weightError.getMessage());
  }

  @Test
  void load_missingOrBadFiles_refused(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("nn");
    net.save(dir);
    Path spec = dir.resolve(QuantileNet.SPEC_FILE);
    String json = Files.readString(spec);
    Files.writeString(spec, json.replace("\"targetScale\"", "\"targetScaleX\""));
    IOException unknown = assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    assertTrue(
        unknown.getMessage().contains("not a valid QuantileNet description"), unknown.getMessage());
    Files.writeString(spec, json.substring(0, json.length() / 2));
    assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    Files.writeString(spec, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    Files.writeString(spec, json);
    Files.delete(dir.resolve(QuantileNet.PARAMS_FILE));
    IOException missing = assertThrows(IOException.class, () -> QuantileNet.load(dir, FEATURES));
    assertTrue(
        missing.getMessage().contains("no " + QuantileNet.PARAMS_FILE), missing.getMessage());
  }

  @Test
  void load_wrongFeatureNames_refused(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("nn");
    net.save(dir);
    IOException renamed =
        assertThrows(
            IOException.class, () -> QuantileNet.load(dir, List.of("f0", "f1", "f3", "f2")));
    assertTrue(renamed.getMessage().contains("feature names differ"), renamed.getMessage());
    assertThrows(IOException.class, () -> QuantileNet.load(dir, List.of("f0", "f1", "f2")));
    try (QuantileNet ok = QuantileNet.load(dir, FEATURES)) {
      assertNotEquals(0, ok.predict(test.x()[0])[0]);
    }
  }

  @Test
  void params_invalid_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> new QuantileNetParams(new int[0], 1, 1, 1e-3, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new QuantileNetParams(new int[] {8, 0}, 1, 1, 1e-3, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new QuantileNetParams(new int[] {8}, 1, 1, Double.NaN, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new QuantileNetParams(new int[] {8}, 0, 1, 1e-3, 1));
    QuantileNetParams d = QuantileNetParams.defaults();
    assertEquals(List.of(64, 32), d.hiddenSizes());
    assertEquals(new QuantileNetParams(new int[] {64, 32}, 30, 512, 1e-3, 4), d);
  }

  private static long countEntries(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  /** Sorted file names of a folder. */
  private record Stream(Path dir) implements AutoCloseable {
    List<String> names() throws IOException {
      try (java.util.stream.Stream<Path> s = Files.list(dir)) {
        return s.map(p -> p.getFileName().toString()).sorted().toList();
      }
    }

    @Override
    public void close() {}
  }
}
