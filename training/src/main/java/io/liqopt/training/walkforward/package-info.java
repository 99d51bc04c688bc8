/**
 * Walk-forward evaluation: expanding-window folds with an embargo, every forecaster refitted per
 * fold and judged only on the block after its training data.
 */
package io.liqopt.training.walkforward;
