package io.liqopt.core.bundle.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The non-crossing head holds for ANY weights, not only trained ones: for randomly initialised
 * networks of random shape, and inputs from tiny to huge, the outputs are ≥ 0, finite and
 * non-decreasing along the levels.
 */
class QuantileNetworkProperties {
  static {
    TorchThreads.preferOne();
  }

  @Property(tries = 40)
  void forward_anyWeightsAnyInputs_nonNegativeAndNonDecreasing(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @IntRange(min = 1, max = 6) int width, @ForAll @IntRange(min = 1, max = 8) int levels,
      @ForAll @IntRange(min = -3, max = 3) int inputDecade) {
    double inputScale = Math.pow(10, inputDecade);
    Engine.getInstance().setRandomSeed(seed);
    QuantileNetwork network = QuantileNetwork.untrained(width, new int[] {8, 4}, levels);
    try {
      network.model().getBlock().initialize(network.model().getNDManager(), DataType.FLOAT32, new Shape(1, width));
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
