package io.liqopt.ml.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Training and prediction times with {@link QuantileNetParams#defaults()} on 30 features; runs only
 * with {@code -Dliqopt.measureNet=true} (rows: {@code -Dliqopt.measureNet.rows}, default 50 000).
 * Prints the numbers; asserts only that the outputs have the right shape.
 */
class QuantileNetTimingTest {
  static {
    TorchThreads.preferOne();
  }

  private static final int WIDTH = 30;
  private static final double[] LEVELS = {0.5, 0.9, 0.95, 0.975, 0.99, 0.995};

  @Test
  void measure_defaults_printsTrainingAndPredictionTimes() throws Exception {
    assumeTrue(
        Boolean.getBoolean("liqopt.measureNet"), "timing runs only with -Dliqopt.measureNet=true");
    int rows = Integer.getInteger("liqopt.measureNet.rows", 50_000);
    HeteroscedasticSample train = HeteroscedasticSample.draw(rows, WIDTH, 1);
    HeteroscedasticSample validation =
        HeteroscedasticSample.draw(Math.max(1000, rows / 10), WIDTH, 2);
    List<String> names = HeteroscedasticSample.featureNames(WIDTH);
    long start = System.nanoTime();
    try (QuantileNet net =
        QuantileNet.train(
            train.x(),
            train.y(),
            validation.x(),
            validation.y(),
            LEVELS,
            names,
            QuantileNetParams.defaults(),
            1L)) {
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      TrainingLog log = net.trainingLog();
      System.out.printf(
          "PyTorch threads: intra-op %d, inter-op %d%n",
          ai.djl.pytorch.jni.JniUtils.getNumThreads(),
          ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
      System.out.printf(
          "train %d x %d: %.1f s, %d epochs (best %d, early stop %b), %.2f s/epoch, val pinball"
              + " %s%n",
          rows,
          WIDTH,
          trainSeconds,
          log.epochs(),
          log.bestEpoch(),
          log.stoppedEarly(),
          trainSeconds / log.epochs(),
          log.validationPinball());
      double[] row = validation.x()[0];
      for (int i = 0; i < 2000; i++) {
        net.predict(row);
      }
      int calls = 20_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        net.predict(validation.x()[i % 1000]);
      }
      double singleMicros = (System.nanoTime() - t0) / 1e3 / calls;
      double[][] block = Arrays.copyOf(validation.x(), 1000);
      for (int i = 0; i < 20; i++) {
        net.predict(block);
      }
      int batches = 200;
      long t1 = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        assertEquals(1000, net.predict(block).length);
      }
      double batchMillis = (System.nanoTime() - t1) / 1e6 / batches;
      double predictorMicros = predictorPerCallMicros(net, validation, calls);
      System.out.printf(
          "alternative: a new DJL Predictor per call (standardised row, no post-processing)"
              + " %.1f us/call%n",
          predictorMicros);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        long t2 = System.nanoTime();
        List<Future<?>> futures =
            List.of(
                pool.submit(() -> repeat(net, validation, calls / 2)),
                pool.submit(() -> repeat(net, validation, calls / 2)));
        for (Future<?> f : futures) {
          f.get();
        }
        double twoThreadMicros = (System.nanoTime() - t2) / 1e3 / calls;
        System.out.printf(
            "predict: single row %.1f us/call; 1000-row batch %.2f ms; 2 threads single rows %.1f"
                + " us/call (serialised on the network); grad mode on a pool thread: %b%n",
            singleMicros,
            batchMillis,
            twoThreadMicros,
            pool.submit(ai.djl.pytorch.jni.JniUtils::isGradMode).get());
      } finally {
        pool.shutdown();
      }
    }
  }

  /**
   * A Predictor (NoopTranslator) created and closed for every row, the other thread-safe design.
   */
  private static double predictorPerCallMicros(
      QuantileNet net, HeteroscedasticSample sample, int calls) throws Exception {
    ai.djl.Model model = net.network().model();
    float[] row = new float[WIDTH];
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      double[] x = sample.x()[i % 1000];
      for (int j = 0; j < WIDTH; j++) {
        row[j] = (float) x[j];
      }
      try (ai.djl.inference.Predictor<ai.djl.ndarray.NDList, ai.djl.ndarray.NDList> predictor =
              model.newPredictor(new ai.djl.translate.NoopTranslator());
          ai.djl.ndarray.NDManager scope = model.getNDManager().newSubManager()) {
        ai.djl.ndarray.NDList out =
            predictor.predict(
                new ai.djl.ndarray.NDList(
                    scope.create(row, new ai.djl.ndarray.types.Shape(1, WIDTH))));
        assertEquals(LEVELS.length, out.singletonOrThrow().toFloatArray().length);
      }
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }

  private static void repeat(QuantileNet net, HeteroscedasticSample sample, int calls) {
    for (int i = 0; i < calls; i++) {
      net.predict(sample.x()[i % 1000]);
    }
  }
}
