package io.liqopt.cli;

import io.liqopt.training.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code --recipe FILE}: the recipe a modelling command runs (the embedded {@code
 * recipes/default.json} when absent), and which of the command's options were given explicitly and
 * so override a recipe value.
 */
final class RecipeOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--recipe",
      paramLabel = "FILE",
      description =
          "The recipe to run (default: the reviewed recipes/default.json the build carries). "
              + "Options given explicitly override its values and are recorded as overrides.")
  Path file;

  /** The recipe; a missing or invalid one is a usage error naming what is wrong. */
  Recipe.Loaded load() throws IOException {
    try {
      return file == null ? Recipe.embedded() : Recipe.load(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** True if {@code option} was given on the command line (not taken from its default). */
  boolean given(String option) {
    ParseResult parsed = mixee.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }

  /**
   * {@code recipeValue} with {@code --horizons}, {@code --stress-level} and {@code --seed} applied
   * where given, each recorded in {@code overrides}.
   */
  Recipe.Forecast forecast(
      Recipe.Forecast recipeValue, ForecastSpecOptions given, Recipe.Overrides overrides) {
    Recipe.Forecast f = recipeValue;
    if (given("--horizons")) {
      overrides.add("--horizons", joined(given.horizons));
      f = f.with(given.horizons, f.stressLevel(), f.seed());
    }
    if (given("--stress-level")) {
      overrides.add("--stress-level", given.stress.level());
      f = f.with(f.horizonsHours(), given.stress.level(), f.seed());
    }
    if (given("--seed")) {
      overrides.add("--seed", given.seed);
      f = f.with(f.horizonsHours(), f.stressLevel(), given.seed);
    }
    return f;
  }

  /** {@code values} joined as the command line takes a split list. */
  static String joined(List<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
