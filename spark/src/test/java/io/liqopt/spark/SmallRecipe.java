package io.liqopt.spark;

import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.training.Recipe;
import java.util.List;

/** The embedded recipe with a small ML section (one tree candidate, a tiny network): fast tests. */
final class SmallRecipe {
  private SmallRecipe() {}

  static Recipe of() {
    return Recipe.embedded()
        .recipe()
        .withMl(
            new Recipe.Ml(
                30,
                60,
                4_000,
                24,
                90,
                List.of(new GbmParams(30, 3, 0.1, 0.8, 10)),
                new QuantileNetParams(List.of(16), 3, 256, 1e-3, 2)));
  }
}
