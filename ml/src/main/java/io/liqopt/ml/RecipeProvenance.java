package io.liqopt.ml;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * Which recipe a bundle or an evaluation ran (the recipe itself is training's {@code Recipe}: one
 * versioned JSON file that fixes the forecast spec, the walk-forward, the baselines compared, the
 * ML search space and blocks, and the feature schema).
 *
 * @param name the recipe's name
 * @param version the recipe's version; a change of recipe is a reviewed commit that bumps it
 * @param source where it was read from ({@code embedded:<file>} for the one the build carries, else
 *     the path given on the command line)
 * @param sha256 SHA-256 (hex) of the recipe file's bytes
 * @param overrides the command-line options that replaced a recipe value, as given ({@code "--seed
 *     7"}); empty when the recipe ran as written
 */
public record RecipeProvenance(
    String name, int version, String source, String sha256, List<String> overrides) {
  public RecipeProvenance {
    Checks.notBlank(name, "name");
    Checks.notBlank(source, "source");
    Checks.notBlank(sha256, "sha256");
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /** True when no command-line option replaced a value of the recipe. */
  public boolean asWritten() {
    return overrides.isEmpty();
  }
}
