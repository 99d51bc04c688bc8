package io.liqopt.training.distributed;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.training.Recipe;
import java.io.Serializable;
import java.util.List;

/**
 * Builds a run's forecasters where a task runs: forecasters hold fitted state and are not sent
 * between processes, their recipe is.
 */
@FunctionalInterface
public interface ForecasterFactory extends Serializable {

  /** Fresh instances, in the run's order. */
  List<Forecaster> create();

  /** The forecasters {@code models} of {@code recipe} ({@link Recipe#forecasters}). */
  static ForecasterFactory of(Recipe recipe, List<String> models) {
    String json = recipe.toJson(); // sent as JSON: the recipe's records are not Serializable
    List<String> names = List.copyOf(models);
    return () -> Recipe.fromJson(json).forecasters(names);
  }
}
