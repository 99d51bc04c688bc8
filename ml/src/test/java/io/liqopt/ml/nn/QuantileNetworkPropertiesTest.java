package io.liqopt.ml.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The non-crossing head holds for ANY weights, not only trained ones: for randomly initialised
 * networks of random shape, and inputs from tiny to huge, the outputs are ≥ 0, finite and
 * non-decreasing along the levels.
 */
class QuantileNetworkPropertiesTest {
  static {
    TorchThreads.preferOne();
  }

  @Test
  void forward_anyWeightsAnyInputs_nonNegativeAndNonDecreasing() {
    // each example builds and runs a network: a failure is shrunk for a bounded while only
    qt().withExamples(40)
        .withFixedSeed(24L)
        .withShrinkCycles(200)
        .forAll(
            integers().between(0, 1_000_000),
            integers().between(1, 6),
            integers().between(1, 8),
            integers().between(-3, 3))
        .checkAssert(QuantileNetworkPropertiesTest::forwardNonCrossing);
  }

  private static void forwardNonCrossing(int seed, int width, int levels, int inputDecade) {
    double inputScale = Math.pow(10, inputDecade);
    Engine.getInstance().setRandomSeed(seed);
    QuantileNetwork network = QuantileNetwork.untrained(width, new int[] {8, 4}, levels);
    try {
      network
          .model()
          .getBlock()
          .initialize(network.model().getNDManager(), DataType.FLOAT32, new Shape(1, width));
      Random random = new Random(seed);
      int rows = 64;
      float[] inputs = new float[rows * width];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = (float) (inputScale * random.nextGaussian());
      }
      float[] out = network.forward(inputs, rows);
      for (int i = 0; i < rows; i++) {
        float[] q = Arrays.copyOfRange(out, i * levels, (i + 1) * levels);
        assertTrue(q[0] >= 0 && Float.isFinite(q[0]), Arrays.toString(q));
        for (int k = 1; k < levels; k++) {
          assertTrue(q[k] >= q[k - 1] && Float.isFinite(q[k]), Arrays.toString(q));
        }
      }
    } finally {
      network.release();
    }
  }
}
