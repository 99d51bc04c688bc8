/**
 * A DJL (PyTorch, CPU) neural network that forecasts several quantiles of a non-negative target at
 * once, for the adverse-move quantiles of DESIGN.md "Forecasts".
 *
 * <p>{@link io.liqopt.ml.nn.QuantileNet} is the model: trained with the mean pinball loss,
 * non-crossing by construction (cumulative softplus increments), optionally corrected by
 * split-conformal offsets, saved and loaded as a DJL parameter file plus a JSON description. {@link
 * io.liqopt.ml.nn.QuantileNetParams} holds its hyper-parameters. This package is part of the ml
 * module, the only one that imports {@code ai.djl}.
 */
package io.liqopt.ml.nn;
