package io.liqopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.cli.Main;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.training.Recipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line with the spark module on its class path: {@code train --walk-forward} with and
 * without {@code --engine spark} writes bundles whose walk-forward metrics are the same.
 */
class SparkCliTest {
  @TempDir Path dir;

  @Test
  void trainWalkForward_onSpark_sameMetricsInTheManifest() throws IOException {
    String data = dir.resolve("data").toString();
    assertEquals(0, run("data", "generate", "--data", data, "--symbols", "3", "--years", "1"));
    Path recipe = dir.resolve("small.json");
    Files.writeString(recipe, small().toJson());
    String local = dir.resolve("models-local").toString();
    String spark = dir.resolve("models-spark").toString();
    String reports = dir.resolve("reports").toString();
    List<String> common =
        List.of(
            "train",
            "--data",
            data,
            "--recipe",
            recipe.toString(),
            "--walk-forward",
            "--reports",
            reports,
            "--as-of",
            "2021-12-01");
    assertEquals(0, run(concat(common, "--models", local)));
    assertEquals(
        0, run(concat(common, "--models", spark, "--engine", "spark", "--master", "local[2]")));
    JsonNode a = manifest(Path.of(local));
    JsonNode b = manifest(Path.of(spark));
    assertNotNull(a.get("metrics").get("pooled"), a.toString());
    assertEquals(a.get("metrics").get("pooled"), b.get("metrics").get("pooled"));
    assertEquals(a.get("data"), b.get("data"));
  }

  @Test
  void trainWithoutWalkForward_engineSpark_usageError() {
    assertEquals(2, run("train", "--data", dir.toString(), "--engine", "spark"));
  }

  /** The embedded recipe with a small ML section: one tree candidate, a tiny network. */
  private static Recipe small() {
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

  private static JsonNode manifest(Path models) throws IOException {
    String id = Files.readString(models.resolve("LATEST")).strip();
    return new ObjectMapper().readTree(models.resolve(id).resolve("manifest.json").toFile());
  }

  private static String[] concat(List<String> a, String... b) {
    return Stream.concat(a.stream(), Stream.of(b)).toArray(String[]::new);
  }

  private static int run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertTrue(code == 0 || !err.toString().isBlank(), "an exit code without a message");
    if (code != 0) {
      System.err.println(String.join(" ", args) + " -> " + code + ": " + err);
    }
    return code;
  }
}
