package io.liqopt.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import io.liqopt.training.Recipe;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.EvaluationData;
import io.liqopt.training.walkforward.EvaluationDifference;
import io.liqopt.training.walkforward.WalkForwardConfig;
import io.liqopt.training.walkforward.WalkForwardPlan;
import io.liqopt.training.walkforward.WalkForwardRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scale benchmark of the walk-forward: the same job in this JVM (tasks one after the other), on
 * Spark {@code local[1]} and on {@code local[2]}, in the order given, each checked against the
 * first run bit for bit ({@link EvaluationDifference}). Per run: the walk-forward's wall time
 * (features and scores are the driver's, outside it), the process's CPU time over it, and on Spark
 * each task's wall and CPU time from Spark's listener; then the speed-ups and the cost per fit.
 *
 * <pre>
 * java @spark/target/spark-jvm.options -cp "spark/target/liqopt-spark.jar:spark/target/lib/*" \
 *   io.liqopt.spark.ScaleBench DATA_DIR MODELS HORIZONS [RUNS] [OUT.json] [interval=1m]
 *     [minTrainDays=D] [testBlockDays=D]
 *   e.g. /tmp/real baselines 24 jvm,local[1],local[2] target/scale-bench.json
 * </pre>
 *
 * The options after the output file change the bars read (default 1h) and the recipe's walk-forward
 * (default its 180 and 30 days).
 */
public final class ScaleBench {
  private ScaleBench() {}

  /** One run: where, how long, how much CPU, and per task on Spark. */
  record Run(
      String engine,
      double wallSeconds,
      double cpuSeconds,
      double cpuUse,
      String sameAsFirst,
      List<Long> taskWallMs,
      List<Integer> taskPartitions) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ScaleBench DATA_DIR MODELS HORIZONS [RUNS] [OUT.json]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    List<String> models = List.of(args[1].split(","));
    List<Integer> horizons = Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList();
    List<String> runs = List.of((args.length > 3 ? args[3] : "jvm,local[1],local[2]").split(","));
    Path out = args.length > 4 ? Path.of(args[4]) : null;
    Map<String, String> options = options(args);
    BarInterval interval = BarInterval.parse(options.getOrDefault("interval", "1h"));

    HourlyMarket market = HourlyMarket.load(new MarketStore(data), List.of(), null, interval);
    List<AssetHistory> histories = new ArrayList<>();
    long bars = 0;
    for (BarSeries s : market.series()) {
      histories.add(AssetHistory.of(s, market.factor()));
      bars += s.size();
    }
    Recipe recipe = recipe(horizons, options);
    WalkForwardConfig config = recipe.walkForwardConfig();
    ForecasterFactory factory = ForecasterFactory.of(recipe, models);
    WalkForwardPlan plan = WalkForwardPlan.of(histories, factory.create(), config);
    WalkForwardPlan split = WalkForwardPlan.of(histories, factory.create(), config, true);
    String job =
        String.format(
            Locale.ROOT,
            "walk-forward %s, %d h: %d assets, %,d %s bars, %d folds, %d tasks (%d split by"
                + " asset, as on Spark), %d fits",
            models,
            horizons.get(horizons.size() - 1),
            histories.size(),
            bars,
            interval,
            plan.folds().size(),
            plan.tasks().size(),
            split.tasks().size(),
            plan.fits());
    System.out.println(job);
    List<Run> done = new ArrayList<>();
    EvaluationData first = null;
    Job j = new Job(histories, config, factory, MarketSource.of(data, List.of(), null, market));
    for (String engine : runs) {
      Measured m = measure(engine, j);
      Optional<String> diff =
          first == null ? Optional.empty() : EvaluationDifference.first(first, m.data());
      Run r =
          withSame(
              m.run(), first == null ? "(first)" : diff.map(d -> "DIFFERENT: " + d).orElse("yes"));
      first = first == null ? m.data() : first;
      done.add(r);
      System.out.printf(
          Locale.ROOT,
          "%-9s walk-forward %7.1f s, CPU %7.1f s (%.2f cores), same as the first: %s%s%n",
          r.engine(),
          r.wallSeconds(),
          r.cpuSeconds(),
          r.cpuUse(),
          r.sameAsFirst(),
          taskSummary(r));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("job", job);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("runs", done);
    report.put("speedUps", speedUps(done));
    report.put("secondsPerFit", secondsPerFit(done, plan.fits()));
    System.out.println("speed-ups: " + report.get("speedUps"));
    System.out.println("seconds per fit (CPU): " + report.get("secondsPerFit"));
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.toFile(), report);
      System.out.println("report: " + out.toAbsolutePath().normalize());
    }
  }

  /** The {@code key=value} options after the output file. */
  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv.length != 2 || !List.of("interval", "minTrainDays", "testBlockDays").contains(kv[0])) {
        System.err.println("unknown option " + args[i]);
        System.exit(2);
      }
      options.put(kv[0], kv[1]);
    }
    return options;
  }

  /** The embedded recipe at {@code horizons}, its walk-forward as the options say. */
  private static Recipe recipe(List<Integer> horizons, Map<String, String> options) {
    Recipe base = Recipe.embedded().recipe();
    Recipe.Forecast f = base.forecast();
    Recipe.WalkForward w = base.walkForward();
    return base.with(
        f.with(horizons, f.stressLevel(), f.seed()),
        new Recipe.WalkForward(
            Integer.parseInt(
                options.getOrDefault("minTrainDays", String.valueOf(w.minTrainDays()))),
            Integer.parseInt(
                options.getOrDefault("testBlockDays", String.valueOf(w.testBlockDays()))),
            w.embargoHours()),
        base.evaluation());
  }

  /** What every run runs. */
  private record Job(
      List<AssetHistory> histories,
      WalkForwardConfig config,
      ForecasterFactory factory,
      MarketSource source) {}

  private record Measured(Run run, EvaluationData data) {}

  /** One run of the walk-forward, timed: in this JVM ("jvm") or on a Spark master. */
  private static Measured measure(String engine, Job j) {
    if (engine.equals("jvm")) {
      long[] t = start();
      List<Forecaster> forecasters = j.factory().create();
      EvaluationData data =
          WalkForwardRunner.run(j.histories(), forecasters, j.config(), (d, n, w) -> {});
      forecasters.forEach(Forecaster::close);
      return new Measured(run(engine, t, List.of()), data);
    }
    MarketSource.forgetReads(); // each Spark run reads the store, as a cluster's executors do
    try (SparkEngine spark = SparkEngine.start(engine)) {
      SparkWalkForward runner = (SparkWalkForward) spark.walkForward(j.source(), j.factory());
      long[] t = start();
      EvaluationData data =
          WalkForwardRunner.run(
              j.histories(), j.factory().create(), j.config(), (d, n, w) -> {}, runner);
      return new Measured(run(engine, t, runner.lastTasks()), data);
    }
  }

  private static long[] start() {
    return new long[] {System.nanoTime(), processCpuNanos()};
  }

  private static Run run(String engine, long[] start, List<SparkJobs.TaskTime> tasks) {
    double wall = (System.nanoTime() - start[0]) / 1e9;
    double cpu = (processCpuNanos() - start[1]) / 1e9;
    return new Run(
        engine,
        wall,
        cpu,
        cpu / wall,
        null,
        tasks.stream().map(SparkJobs.TaskTime::wallMs).toList(),
        tasks.stream().map(SparkJobs.TaskTime::partition).toList());
  }

  private static Run withSame(Run r, String same) {
    return new Run(
        r.engine(),
        r.wallSeconds(),
        r.cpuSeconds(),
        r.cpuUse(),
        same,
        r.taskWallMs(),
        r.taskPartitions());
  }

  private static String taskSummary(Run r) {
    if (r.taskWallMs().isEmpty()) {
      return "";
    }
    long[] w = r.taskWallMs().stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "; %d tasks, wall per task median %.2f s, max %.2f s, sum %.1f s",
        w.length,
        w[w.length / 2] / 1e3,
        w[w.length - 1] / 1e3,
        Arrays.stream(w).sum() / 1e3);
  }

  /** Each run's wall time over every other's, named "a/b". */
  private static Map<String, Double> speedUps(List<Run> runs) {
    Map<String, Double> s = new LinkedHashMap<>();
    for (Run a : runs) {
      for (Run b : runs) {
        if (a != b) {
          s.put(a.engine() + "/" + b.engine(), a.wallSeconds() / b.wallSeconds());
        }
      }
    }
    return s;
  }

  private static Map<String, Double> secondsPerFit(List<Run> runs, int fits) {
    Map<String, Double> s = new LinkedHashMap<>();
    for (Run r : runs) {
      s.put(r.engine(), r.cpuSeconds() / fits);
    }
    return s;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
