package io.liqopt.ml.gbm;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * Hyper-parameters of the gradient-boosted trees (XGBoost names in brackets, Chen and Guestrin
 * 2016, "XGBoost: A Scalable Tree Boosting System", KDD).
 *
 * @param trees number of boosting rounds M [num_round], at least 1
 * @param maxDepth maximum depth of each tree [max_depth], at least 1
 * @param eta shrinkage ν applied to every tree, f_m = f_{m−1} + ν·h_m [eta], in (0, 1]
 * @param subsample fraction of the training rows drawn (without replacement) for each tree
 *     [subsample], in (0, 1]
 * @param minChildWeight minimum sum of the loss Hessian in a leaf [min_child_weight] (for squared
 *     error the number of rows; for log-loss Σ p(1−p)), non-negative
 */
public record GbmParams(
    int trees, int maxDepth, double eta, double subsample, double minChildWeight) {

  public GbmParams {
    Checks.positive(trees, "trees");
    Checks.positive(maxDepth, "maxDepth");
    Checks.inRange(Checks.positiveFinite(eta, "eta"), 0, 1, "eta");
    Checks.inRange(Checks.positiveFinite(subsample, "subsample"), 0, 1, "subsample");
    Checks.nonNegativeFinite(minChildWeight, "minChildWeight");
  }

  /**
   * 200 trees of depth 4, eta 0.05, subsample 0.8, min child weight 10: shallow, slow-learning
   * trees with row subsampling, a conservative default for noisy financial targets (eta·M = 10
   * leaves room to fit; depth 4 allows 4-way interactions; a leaf needs about 10 rows of Hessian
   * weight).
   */
  public static GbmParams defaults() {
    return new GbmParams(200, 4, 0.05, 0.8, 10);
  }

  /**
   * Four candidates around {@link #defaults()} for inner-validation selection: the default, a
   * shallower/more regularised one, a deeper one, and a faster-learning one with fewer trees.
   */
  public static List<GbmParams> grid() {
    return List.of(
        defaults(),
        new GbmParams(300, 2, 0.05, 0.8, 20),
        new GbmParams(200, 6, 0.05, 0.8, 10),
        new GbmParams(100, 4, 0.1, 0.8, 10));
  }
}
