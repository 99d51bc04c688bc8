package io.liqopt.ml.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The DJL network behind one or more {@link QuantileNet}s (a conformalised copy shares it), in
 * standardised input space and scaled target space.
 *
 * <p>Architecture: {@code Linear(h_1) → ReLU → … → Linear(h_L) → ReLU → Linear(K)} gives raw
 * outputs {@code r_1..r_K}; the head maps them to {@code q_1 = softplus(r_1)}, {@code q_k = q_{k−1}
 * + softplus(r_k)} (softplus(r) = log(1 + e^r) > 0), so the K outputs are positive and
 * non-decreasing by construction (no quantile crossing; the monotone-increment construction of e.g.
 * Cannon 2018, "Non-crossing nonlinear regression quantiles by monotone composite quantile
 * regression neural network").
 *
 * <p>Thread-safety: every method is synchronized on this object (a DJL block forward is not
 * documented as thread-safe), so concurrent predictions are serialised. Reference-counted: the DJL
 * {@link Model} (and its native memory) is released when the last holder calls {@link #release()}.
 */
final class QuantileNetwork {
  private static final String ENGINE = "PyTorch";

  private final Model model;

  /** Caches parameter arrays: replaced whenever {@link #loadParameters} swaps the arrays. */
  private ParameterStore inferenceStore;

  private final int inputSize;
  private final int[] hiddenSizes;
  private final int outputSize;
  private int holders = 1;

  private QuantileNetwork(int inputSize, int[] hiddenSizes, int outputSize) {
    this.inputSize = inputSize;
    this.hiddenSizes = hiddenSizes.clone();
    this.outputSize = outputSize;
    this.model = Model.newInstance("quantile-net", Device.cpu(), ENGINE);
    model.setBlock(newBlock(hiddenSizes, outputSize));
    this.inferenceStore = new ParameterStore(model.getNDManager(), false);
  }

  /** A network whose parameters are not yet initialised (the trainer initialises them). */
  static QuantileNetwork untrained(int inputSize, int[] hiddenSizes, int outputSize) {
    return new QuantileNetwork(inputSize, hiddenSizes, outputSize);
  }

  /** A network with the given parameters, as written by {@link #parameterBytes()}. */
  static QuantileNetwork withParameters(
      int inputSize, int[] hiddenSizes, int outputSize, byte[] parameters)
      throws IOException, MalformedModelException {
    QuantileNetwork network = new QuantileNetwork(inputSize, hiddenSizes, outputSize);
    try {
      network
          .model
          .getBlock()
          .initialize(network.model.getNDManager(), DataType.FLOAT32, new Shape(1, inputSize));
      network.loadParameters(parameters);
      network.freeze();
      return network;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      network.release();
      throw e;
    }
  }

  private static SequentialBlock newBlock(int[] hiddenSizes, int outputSize) {
    SequentialBlock block = new SequentialBlock();
    for (int units : hiddenSizes) {
      block.add(Linear.builder().setUnits(units).build());
      block.add(Activation::relu);
    }
    block.add(Linear.builder().setUnits(outputSize).build());
    block.add(
        LambdaBlock.singleton(raw -> Activation.softPlus(raw).cumSum(1), "cumulativeSoftplus"));
    return block;
  }

  Model model() {
    return model;
  }

  int inputSize() {
    return inputSize;
  }

  int[] hiddenSizes() {
    return hiddenSizes.clone();
  }

  int outputSize() {
    return outputSize;
  }

  /**
   * Forward pass on {@code rows} standardised rows laid out row-major in {@code inputs}; returns
   * the {@code rows × K} scaled quantiles row-major. One NDArray for the whole block of rows.
   */
  synchronized float[] forward(float[] inputs, int rows) {
    checkOpen();
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray x = scope.create(inputs, new Shape(rows, inputSize));
      NDList out = model.getBlock().forward(inferenceStore, new NDList(x), false);
      return out.singletonOrThrow().toFloatArray();
    }
  }

  /** The parameters in DJL's block format. */
  synchronized byte[] parameterBytes() throws IOException {
    checkOpen();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      model.getBlock().saveParameters(out);
    }
    return bytes.toByteArray();
  }

  /** Replaces the parameters; refuses bytes that do not parse completely. */
  synchronized void loadParameters(byte[] parameters) throws IOException, MalformedModelException {
    checkOpen();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      model.getBlock().loadParameters(model.getNDManager(), in);
      if (in.available() != 0) {
        throw new MalformedModelException(
            in.available() + " unexpected bytes after the parameters");
      }
    } finally {
      // loading replaces the parameter arrays; a store made before would keep serving the old ones
      inferenceStore = new ParameterStore(model.getNDManager(), false);
    }
  }

  /**
   * Marks every parameter as not requiring a gradient, once training is over. PyTorch's grad mode
   * is per thread and on by default on threads DJL did not set up (a serving pool, for instance);
   * with trainable parameters every forward pass there would also record an autograd graph.
   */
  synchronized void freeze() {
    checkOpen();
    model.getBlock().freezeParameters(true);
  }

  /** True if some parameter still requires a gradient (training not finished, or not frozen). */
  synchronized boolean anyParameterRequiresGradient() {
    checkOpen();
    return model.getBlock().getParameters().values().stream()
        .anyMatch(p -> p.requiresGradient() || p.getArray().hasGradient());
  }

  synchronized void retain() {
    checkOpen();
    holders++;
  }

  synchronized void release() {
    if (holders == 0) {
      return;
    }
    holders--;
    if (holders == 0) {
      model.close();
    }
  }

  private void checkOpen() {
    if (holders == 0) {
      throw new IllegalStateException("the quantile network has been closed");
    }
  }
}
