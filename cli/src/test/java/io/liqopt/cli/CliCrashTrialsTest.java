package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.CrashPoints;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import io.liqopt.ml.BundleStore;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes of the CLI's writers, each in its own JVM ({@code java -cp <this class path>
 * io.liqopt.cli.Main ...}): {@code data import} halted at a named point mid-write of the store
 * ({@link CrashPoints#STORE_WRITTEN}, hit 1 or 2 of its two series) or killed with SIGKILL at a
 * random time, and {@code train} halted with a partial bundle folder ({@link
 * CrashPoints#BUNDLE_FILES_WRITTEN}), with a whole bundle not yet named by LATEST ({@link
 * CrashPoints#BUNDLE_MOVED}) or killed at a random time. Afterwards every store file reads and
 * holds its old or its new bars, and the same import run again completes; every bundle {@code
 * models list} shows verifies (a partial one is a hidden temporary folder it ignores) and LATEST,
 * when present, verifies.
 *
 * <p>{@code -Dliqopt.fault.cliTrials=N} sets the trials per point and operation (default 1, what
 * {@code ./mvnw verify} and CI run; {@code -Pfault-full} runs 10); {@code -Dliqopt.fault.seed=S}
 * (default 7) the random kill times.
 */
class CliCrashTrialsTest {
  private static final int OLD_BARS = 2_000;
  private static final int NEW_BARS = 20_000;

  @TempDir Path dir;

  private final int trials = Integer.getInteger("liqopt.fault.cliTrials", 1);
  private final Random rng = new Random(Long.getLong("liqopt.fault.seed", 7));

  @Test
  void dataImport_crashMidWriteOrKilled_filesOldOrNew_rerunCompletes() throws Exception {
    Path data = dir.resolve("data");
    List<String> files =
        List.of(
            csv(Bars.hourly("AAAUSDT", NEW_BARS), "AAAUSDT_1h.csv"),
            csv(Bars.hourly("BBBUSDT", NEW_BARS), "BBBUSDT_1h.csv"));
    List<String> args = new ArrayList<>(List.of("data", "import", "--data", data.toString()));
    args.addAll(files);
    int halted = 0;
    for (int t = 0; t < 2 * trials; t++) {
      MarketStore store = new MarketStore(data);
      store.write(Bars.hourly("AAAUSDT", OLD_BARS), "old");
      Files.deleteIfExists(store.pathOf("BBBUSDT", BarInterval.H1));
      boolean named = t % 2 == 0;
      List<String> jvm =
          named
              ? List.of(
                  "-Dliqopt.crashAt=" + CrashPoints.STORE_WRITTEN,
                  "-Dliqopt.crashAtHit=" + (1 + t / 2 % 2))
              : List.of();
      Process p = launch(jvm, args, dir.resolve("import-" + t + ".log"));
      int status = named ? await(p) : killAfter(p, rng.nextInt(4_000));
      if (named) {
        assertEquals(CrashPoints.EXIT_STATUS, status, log("import-" + t));
        halted++;
      }
      int aaa = store.read("AAAUSDT", BarInterval.H1).size();
      assertTrue(aaa == OLD_BARS || aaa == NEW_BARS, aaa + " AAAUSDT bars");
      if (store.contains("BBBUSDT", BarInterval.H1)) {
        assertEquals(NEW_BARS, store.read("BBBUSDT", BarInterval.H1).size());
      }
      CliRun again = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, again.exitCode(), again.err());
      assertTrue(
          store.read("AAAUSDT", BarInterval.H1).contentEquals(Bars.hourly("AAAUSDT", NEW_BARS)));
      assertTrue(
          store.read("BBBUSDT", BarInterval.H1).contentEquals(Bars.hourly("BBBUSDT", NEW_BARS)));
    }
    System.out.printf(
        "data import crashes: %d at %s, %d killed at random times%n",
        halted, CrashPoints.STORE_WRITTEN, 2 * trials - halted);
  }

  @Test
  void train_crashMidBundleOrKilled_everyListedBundleVerifies() throws Exception {
    Path data = dir.resolve("data");
    Path models = dir.resolve("models");
    CliRun gen =
        CliRun.of(
            "data", "generate", "--data", data.toString(), "--symbols", "2", "--years", "0.8");
    assertEquals(0, gen.exitCode(), gen.err());
    List<String> args =
        List.of(
            "train",
            "--data",
            data.toString(),
            "--models",
            models.toString(),
            "--max-train-rows",
            "3000",
            "--recipe",
            quickRecipe().toString());
    long t0 = System.nanoTime();
    assertEquals(0, CliRun.of(args.toArray(String[]::new)).exitCode(), "the first training");
    long trainMs = Math.max(1_000, (System.nanoTime() - t0) / 1_000_000);
    String[] points = {CrashPoints.BUNDLE_FILES_WRITTEN, CrashPoints.BUNDLE_MOVED, null};
    for (int t = 0; t < points.length * trials; t++) {
      String point = points[t % points.length];
      Path log = dir.resolve("train-" + t + ".log");
      if (point != null) {
        Process p = launch(List.of("-Dliqopt.crashAt=" + point), args, log);
        assertEquals(CrashPoints.EXIT_STATUS, await(p), log("train-" + t));
      } else {
        killAfter(launch(List.of(), args, log), rng.nextInt((int) Math.min(trainMs * 3, 60_000)));
      }
      assertEveryBundleVerifies(models);
    }
    System.out.printf(
        "train crashes: %d (points and random kills), every listed bundle verifies%n",
        points.length * trials);
  }

  /**
   * The embedded recipe with one small tree candidate and a two-epoch network: the same code paths
   * and bundle files, a training in seconds rather than half a minute.
   */
  private Path quickRecipe() throws IOException {
    String text;
    try (var in = io.liqopt.training.Recipe.class.getResourceAsStream("recipes/default.json")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String quick =
        text.replaceAll("(?s)(\"treeGrid\": \\[\\s*\\{[^}]*\\}).*?\\]", "$1]")
            .replace("\"trees\": 200", "\"trees\": 20")
            .replace("\"maxEpochs\": 30", "\"maxEpochs\": 2");
    assertTrue(quick.contains("\"maxEpochs\": 2") && !quick.contains("\"maxDepth\": 6"), quick);
    Path file = dir.resolve("quick-recipe.json");
    Files.writeString(file, quick);
    return file;
  }

  /**
   * Every bundle {@code models list} shows verifies, LATEST among them; no partial one is listed.
   */
  private static void assertEveryBundleVerifies(Path models) throws IOException {
    CliRun list = CliRun.of("models", "list", "--models", models.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertFalse(list.out().contains(".tmp"), list.out());
    BundleStore store = new BundleStore(models);
    for (String id : store.list()) {
      CliRun v = CliRun.of("models", "verify", id, "--models", models.toString());
      assertEquals(0, v.exitCode(), id + ": " + v.err());
    }
    if (store.latestId().isPresent()) {
      assertTrue(store.list().contains(store.latestId().get()), "LATEST names a listed bundle");
    }
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }

  /** {@code liqopt ARGS} in a new JVM on this class path, with the test run's DJL settings. */
  private static Process launch(List<String> jvmOptions, List<String> args, Path log)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ai.djl.")) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The exit status of {@code p}, which must exit within 5 minutes. */
  private static int await(Process p) throws InterruptedException {
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the process did not exit in 5 minutes");
    }
    return p.exitValue();
  }

  /** Kills {@code p} with SIGKILL after {@code ms} (unless it finished) and waits for it. */
  private static int killAfter(Process p, long ms) throws InterruptedException {
    if (!p.waitFor(ms, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    return await(p);
  }

  private String csv(BarSeries s, String name) throws IOException {
    return io.liqopt.store.SharedDataCsv.write(s, dir.resolve(name)).toString();
  }
}
