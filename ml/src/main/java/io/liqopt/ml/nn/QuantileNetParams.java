package io.liqopt.ml.nn;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * Hyper-parameters of a {@link QuantileNet}: a multi-layer perceptron with ReLU hidden layers,
 * trained by Adam on mini-batches, with early stopping on the validation mean pinball loss.
 *
 * @param hiddenSizes units of each hidden layer, input side first (at least one layer, each
 *     positive)
 * @param maxEpochs the most passes over the training rows
 * @param batchSize rows per mini-batch
 * @param learningRate Adam's fixed step size, finite and positive
 * @param patience epochs without a lower validation pinball loss after which training stops; the
 *     parameters of the best epoch are kept
 */
public record QuantileNetParams(
    List<Integer> hiddenSizes, int maxEpochs, int batchSize, double learningRate, int patience) {

  /** Validates and copies {@code hiddenSizes}. */
  public QuantileNetParams {
    if (hiddenSizes == null || hiddenSizes.isEmpty()) {
      throw new IllegalArgumentException("hiddenSizes must list at least one hidden layer");
    }
    hiddenSizes = List.copyOf(hiddenSizes);
    for (int i = 0; i < hiddenSizes.size(); i++) {
      Checks.positive(hiddenSizes.get(i), "hiddenSizes[" + i + "]");
    }
    Checks.positive(maxEpochs, "maxEpochs");
    Checks.positive(batchSize, "batchSize");
    Checks.positiveFinite(learningRate, "learningRate");
    Checks.positive(patience, "patience");
  }

  /** As the canonical constructor, the hidden layer sizes given as an array. */
  public QuantileNetParams(
      int[] hiddenSizes, int maxEpochs, int batchSize, double learningRate, int patience) {
    this(boxed(hiddenSizes), maxEpochs, batchSize, learningRate, patience);
  }

  /** Hidden layers {64, 32}, 30 epochs, batch 512, learning rate 1e-3, patience 4. */
  public static QuantileNetParams defaults() {
    return new QuantileNetParams(List.of(64, 32), 30, 512, 1e-3, 4);
  }

  /** Returns a copy with another epoch budget. */
  public QuantileNetParams withMaxEpochs(int newMaxEpochs) {
    return new QuantileNetParams(hiddenSizes, newMaxEpochs, batchSize, learningRate, patience);
  }

  /** Returns a copy with other hidden layers. */
  public QuantileNetParams withHiddenSizes(int... newHiddenSizes) {
    return new QuantileNetParams(newHiddenSizes, maxEpochs, batchSize, learningRate, patience);
  }

  /** The hidden layer sizes as a new array (for the network builder). */
  int[] hiddenSizesArray() {
    return hiddenSizes.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Integer> boxed(int[] sizes) {
    return sizes == null ? null : java.util.Arrays.stream(sizes).boxed().toList();
  }
}
