package io.liqopt.ml.gbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training and prediction times at production scale (300 000 rows × 30 features, default
 * hyper-parameters). Minutes of CPU, so it runs only with {@code -Dliqopt.gbm.timing=true}; it
 * prints the times and checks the models are sane (not the times, which depend on the machine's
 * load).
 */
class GbmTimingTest {
  static final int ROWS = 300_000;
  static final int WIDTH = 30;
  static final int PREDICT_ROWS = 10_000;

  @Test
  void defaults_300kRowsBy30Features_reportsTrainingAndPredictionTimes() {
    assumeTrue(Boolean.getBoolean("liqopt.gbm.timing"), "set -Dliqopt.gbm.timing=true to run");
    List<String> names = GbmTestData.names(WIDTH);
    double[][] x = GbmTestData.rows(ROWS, WIDTH, 1);
    double[] y = GbmTestData.targets(x, 0.1, 2);
    boolean[] labels = GbmTestData.labels(x, 3);
    double[][] xNew = GbmTestData.rows(PREDICT_ROWS, WIDTH, 4);

    long t0 = System.nanoTime();
    GbmRegressor reg = GbmRegressor.train(x, y, names, GbmParams.defaults(), 42);
    long t1 = System.nanoTime();
    double[] pred = reg.predict(xNew);
    long t2 = System.nanoTime();
    reg.predict(xNew[0]);
    long t3 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      reg.predict(xNew[i]);
    }
    long t4 = System.nanoTime();
    GbmClassifier clf = GbmClassifier.train(x, labels, names, GbmParams.defaults(), 42);
    long t5 = System.nanoTime();
    double[] prob = clf.probability(xNew);
    long t6 = System.nanoTime();
    GbmRegressor.train(x, y, names, GbmParams.defaults(), 42, 2);
    long t7 = System.nanoTime();

    System.out.printf("GBM timing %d×%d, defaults %s%n", ROWS, WIDTH, GbmParams.defaults());
    System.out.printf(
        "  regressor train %.1f s, batch predict %d rows %.1f ms (%.1f µs/row), single row %.2f ms"
            + " (mean of 200 after warm-up)%n",
        (t1 - t0) / 1e9,
        PREDICT_ROWS,
        (t2 - t1) / 1e6,
        (t2 - t1) / 1e3 / PREDICT_ROWS,
        (t4 - t3) / 1e6 / 200);
    System.out.printf(
        "  classifier train %.1f s, batch probability %d rows %.1f ms (%.1f µs/row)%n",
        (t5 - t4) / 1e9, PREDICT_ROWS, (t6 - t5) / 1e6, (t6 - t5) / 1e3 / PREDICT_ROWS);
    System.out.printf(
        "  regressor train with 2 XGBoost threads %.1f s (load average %s)%n",
        (t7 - t6) / 1e9,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    assertEquals(PREDICT_ROWS, pred.length);
    assertTrue(Arrays.stream(prob).allMatch(p -> p >= 0 && p <= 1));
  }
}
