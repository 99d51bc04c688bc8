package io.liqopt.ml.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch Adam training of a {@link QuantileNetwork} on the mean pinball loss, with early
 * stopping on the validation loss (the parameters of the best epoch are restored).
 *
 * <p>Determinism: DJL's engine seed is set from {@code seed} before the weights are initialised,
 * and the row order of each epoch comes from a {@link Random} seeded with {@code seed}; with the
 * same inputs and thread count two runs give bit-identical parameters. The engine seed is global to
 * the JVM, so two trainings started at the same time on different threads are not reproducible.
 */
final class QuantileNetTrainer {
  private QuantileNetTrainer() {}

  /** What training returns: the network (caller owns it), the target scale and the log. */
  record Fitted(QuantileNetwork network, double targetScale, TrainingLog log) {}

  /**
   * PyTorch's random generator (seeded below) and DJL's gradient collector are one per process, so
   * one network trains at a time in a JVM: concurrent fits (Spark's task slots in local mode) wait
   * here (the method is synchronized), and each gets the weights a lone fit with its seed gets.
   */
  static synchronized Fitted fit(
      double[][] x,
      double[] y,
      double[][] xVal,
      double[] yVal,
      double[] levels,
      FeatureStandardisation standardisation,
      double targetScale,
      QuantileNetParams params,
      long seed,
      java.util.function.Consumer<String> progress) {
    long startNanos = System.nanoTime();
    int n = x.length;
    int width = standardisation.width();
    float[] trainInputs = new float[n * width];
    standardisation.standardise(x, 0, n, trainInputs);
    float[] trainTargets = scaledTargets(y, targetScale);

    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    QuantileNetwork network =
        QuantileNetwork.untrained(width, params.hiddenSizesArray(), levels.length);
    boolean done = false;
    try (Trainer trainer = network.model().newTrainer(trainingConfig(levels, params))) {
      trainer.initialize(new Shape(Math.min(params.batchSize(), n), width));
      double untrained =
          validationPinball(network, standardisation, targetScale, xVal, yVal, levels);
      List<Double> trainLosses = new ArrayList<>();
      List<Double> validationLosses = new ArrayList<>();
      double best = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      byte[] bestParameters = null;
      boolean stoppedEarly = false;
      Random shuffle = new Random(seed);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int epoch = 1; epoch <= params.maxEpochs(); epoch++) {
        shuffle(order, shuffle);
        double trainScaled =
            runEpoch(trainer, order, trainInputs, trainTargets, width, params.batchSize());
        double validation =
            validationPinball(network, standardisation, targetScale, xVal, yVal, levels);
        trainLosses.add(trainScaled * targetScale);
        validationLosses.add(validation);
        progress.accept(
            String.format(
                java.util.Locale.ROOT,
                "quantile network epoch %d/%d, validation pinball %.4g",
                epoch,
                params.maxEpochs(),
                validation));
        if (validation < best) {
          best = validation;
          bestEpoch = epoch;
          bestParameters = network.parameterBytes();
        } else if (epoch - bestEpoch >= params.patience()) {
          stoppedEarly = epoch < params.maxEpochs();
          break;
        }
      }
      if (bestParameters == null) {
        throw new IllegalStateException(
            "training produced no finite validation loss (diverged?): " + validationLosses);
      }
      if (bestEpoch != validationLosses.size()) {
        network.loadParameters(bestParameters);
      }
      network.freeze();
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      TrainingLog log =
          new TrainingLog(
              trainLosses, validationLosses, untrained, bestEpoch, stoppedEarly, millis);
      done = true;
      return new Fitted(network, targetScale, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not snapshot the network parameters", e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("could not restore the best epoch's parameters", e);
    } finally {
      if (!done) {
        network.release();
      }
    }
  }

  /** The targets in the network's scaled space, y / targetScale, as floats. */
  private static float[] scaledTargets(double[] y, double targetScale) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) (y[i] / targetScale);
    }
    return out;
  }

  /** Adam at the fixed learning rate on the mean pinball loss of {@code levels}, on the CPU. */
  private static DefaultTrainingConfig trainingConfig(double[] levels, QuantileNetParams params) {
    return new DefaultTrainingConfig(new PinballLoss(levels))
        .optOptimizer(
            Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) params.learningRate()))
                .build())
        .optDevices(new Device[] {Device.cpu()});
  }

  /**
   * One pass over the rows in {@code order}; returns the row-weighted mean batch loss (scaled
   * units).
   */
  private static double runEpoch(
      Trainer trainer, int[] order, float[] inputs, float[] targets, int width, int batchSize) {
    int n = order.length;
    double lossSum = 0;
    float[] batchInputs = new float[Math.min(batchSize, n) * width];
    float[] batchTargets = new float[Math.min(batchSize, n)];
    for (int from = 0; from < n; from += batchSize) {
      int rows = Math.min(batchSize, n - from);
      for (int r = 0; r < rows; r++) {
        int i = order[from + r];
        System.arraycopy(inputs, i * width, batchInputs, r * width, width);
        batchTargets[r] = targets[i];
      }
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDArray xb =
            scope.create(
                java.util.Arrays.copyOf(batchInputs, rows * width), new Shape(rows, width));
        NDArray yb = scope.create(java.util.Arrays.copyOf(batchTargets, rows), new Shape(rows, 1));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(xb));
          NDArray loss = trainer.getLoss().evaluate(new NDList(yb), predictions);
          collector.backward(loss);
          lossSum += (double) loss.getFloat() * rows;
        }
        trainer.step();
      }
    }
    return lossSum / n;
  }

  /** Mean pinball loss (target units) of the network's raw quantiles on the validation rows. */
  static double validationPinball(
      QuantileNetwork network,
      FeatureStandardisation standardisation,
      double targetScale,
      double[][] xVal,
      double[] yVal,
      double[] levels) {
    double[][] q = QuantileNet.rawQuantiles(network, standardisation, targetScale, xVal);
    double loss = PinballLoss.mean(q, yVal, levels);
    return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
  }

  /** Fisher–Yates shuffle. */
  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
