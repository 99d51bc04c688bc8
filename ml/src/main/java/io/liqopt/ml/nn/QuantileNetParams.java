package io.liqopt.ml.nn;

import io.liqopt.core.Checks;
import java.util.Arrays;

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
    int[] hiddenSizes, int maxEpochs, int batchSize, double learningRate, int patience) {

  /** Validates and copies {@code hiddenSizes}. */
  public QuantileNetParams {
    if (hiddenSizes == null || hiddenSizes.length == 0) {
      throw new IllegalArgumentException("hiddenSizes must list at least one hidden layer");
    }
    hiddenSizes = hiddenSizes.clone();
    for (int i = 0; i < hiddenSizes.length; i++) {
      Checks.positive(hiddenSizes[i], "hiddenSizes[" + i + "]");
    }
    Checks.positive(maxEpochs, "maxEpochs");
    Checks.positive(batchSize, "batchSize");
    Checks.positiveFinite(learningRate, "learningRate");
    Checks.positive(patience, "patience");
  }

  /** Hidden layers {64, 32}, 30 epochs, batch 512, learning rate 1e-3, patience 4. */
  public static QuantileNetParams defaults() {
    return new QuantileNetParams(new int[] {64, 32}, 30, 512, 1e-3, 4);
  }

  /** A copy of the hidden layer sizes (the record keeps its own). */
  @Override
  public int[] hiddenSizes() {
    return hiddenSizes.clone();
  }

  /** Returns a copy with another epoch budget. */
  public QuantileNetParams withMaxEpochs(int newMaxEpochs) {
    return new QuantileNetParams(hiddenSizes, newMaxEpochs, batchSize, learningRate, patience);
  }

  /** Returns a copy with other hidden layers. */
  public QuantileNetParams withHiddenSizes(int... newHiddenSizes) {
    return new QuantileNetParams(newHiddenSizes, maxEpochs, batchSize, learningRate, patience);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QuantileNetParams p
        && Arrays.equals(hiddenSizes, p.hiddenSizes)
        && maxEpochs == p.maxEpochs
        && batchSize == p.batchSize
        && Double.compare(learningRate, p.learningRate) == 0
        && patience == p.patience;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hiddenSizes)
        + java.util.Objects.hash(maxEpochs, batchSize, learningRate, patience);
  }

  @Override
  public String toString() {
    return "QuantileNetParams[hiddenSizes="
        + Arrays.toString(hiddenSizes)
        + ", maxEpochs="
        + maxEpochs
        + ", batchSize="
        + batchSize
        + ", learningRate="
        + learningRate
        + ", patience="
        + patience
        + "]";
  }
}
