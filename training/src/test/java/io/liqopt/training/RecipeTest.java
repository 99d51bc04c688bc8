package io.liqopt.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.walkforward.WalkForwardConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {
  @TempDir Path dir;

  private static String embeddedText() throws IOException {
    try (var in = Recipe.class.getResourceAsStream("recipes/" + Recipe.EMBEDDED)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void embedded_isTheRepositoryFile_andReproducesTheCodeDefaults() throws IOException {
    Recipe.Loaded loaded = Recipe.embedded();
    assertEquals(
        Files.readString(Path.of("..", "recipes", Recipe.EMBEDDED)),
        embeddedText(),
        "the build carries recipes/default.json itself");
    Recipe r = loaded.recipe();
    assertEquals(ForecastSpec.defaults(), r.spec());
    assertEquals(WalkForwardConfig.defaults(ForecastSpec.defaults(), 42), r.walkForwardConfig());
    assertEquals(MlForecaster.Options.defaults(), r.mlOptions());
    assertEquals(MlForecaster.Options.walkForward(), r.mlWalkForwardOptions());
    assertEquals(64, loaded.sha256().length());
    assertEquals("embedded:default.json", loaded.source());
  }

  @Test
  void load_sameBytes_sameHash_andProvenanceCarriesOverrides() throws IOException {
    Path file = dir.resolve("r.json");
    Files.writeString(file, embeddedText());
    Recipe.Loaded loaded = Recipe.load(file);
    assertEquals(Recipe.embedded().sha256(), loaded.sha256());
    assertEquals(Recipe.embedded().recipe(), loaded.recipe());
    var p = loaded.provenance(List.of("--seed 7"));
    assertEquals(List.of("--seed 7"), p.overrides());
    assertEquals(file.toString(), p.source());
  }

  @Test
  void json_roundTripsEqual() {
    Recipe r = Recipe.embedded().recipe();
    assertEquals(r, Recipe.fromJson(r.toJson()));
  }

  @Test
  void forecasters_referenceFirst() {
    Recipe r = Recipe.embedded().recipe();
    List<Forecaster> f = r.forecasters(List.of("hs", "ewma", r.evaluation().reference()));
    assertEquals(r.evaluation().reference(), f.get(0).name());
    assertTrue(r.referenceAmong(f));
    assertEquals(false, r.referenceAmong(r.forecasters(List.of("hs"))));
  }

  @Test
  void badRecipes_refusedNamingTheProblem() throws IOException {
    String good = embeddedText();
    assertRefused(good.replace("\"version\": 3,", "\"version\": 3, \"colour\": 3,"), "colour");
    assertRefused(
        good.replace("\"quantileTrackingGamma\": 0.005", "\"quantileTrackingGamma\": -1"),
        "quantile-tracking gamma");
    assertRefused(good.replace("\"seed\": 42", "\"sede\": 42"), "at forecast.seed: Missing");
    assertRefused(good.replace("\"embargoHours\": null", "\"embargoHours\": 2"), "embargo");
    assertRefused(
        good.replace("\"quantileHorizonHours\": 24", "\"quantileHorizonHours\": 12"),
        "quantile horizon 12 h");
    assertRefused(
        good.replace("\"schemaFingerprint\": \"93b0", "\"schemaFingerprint\": \"0000"),
        "reviewed against feature schema");
    Path older = dir.resolve("v2.json");
    Files.writeString(older, good.replace(",\n    \"quantileTrackingGamma\": 0.005", ""));
    assertEquals(0, Recipe.load(older).recipe().forecast().quantileTrackingGamma(), "v2: none");
    assertRefused("{", "recipe");
    assertRefused("", "recipe");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> Recipe.load(dir.resolve("nope.json")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  private void assertRefused(String text, String expected) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, text);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Recipe.load(file), text);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
  }
}
