package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs every policy on every asset with every seed over the same hours, in parallel (one {@link
 * Simulator} per task), and keeps the runs.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * The hours simulated for one asset: from the first hour at which every policy has thresholds
   * (and not before {@code fromMs}) to the last before {@code toMs}.
   *
   * @param from first row
   * @param to end row, exclusive
   */
  public record Window(String symbol, int from, int to) implements java.io.Serializable {}

  /**
   * The result.
   *
   * @param policies the policies, in order
   * @param windows the simulated rows per asset
   * @param seeds the seeds
   * @param runs every run by policy name, assets and seeds in order
   * @param seconds wall time of the simulation (not of building the schedules)
   */
  public record Result(
      List<PolicyRun> policies,
      Map<String, Window> windows,
      List<Long> seeds,
      Map<String, List<AssetRun>> runs,
      double seconds) {

    public Result {
      seeds = List.copyOf(seeds);
    }

    /**
     * This result with {@code more}'s policies and runs after its own (the same windows and seeds:
     * only policies defined wherever these are may be added).
     */
    public Result plus(Result more) {
      if (!more.windows().equals(windows) || !more.seeds().equals(seeds)) {
        throw new IllegalArgumentException("results over other windows or seeds");
      }
      List<PolicyRun> p = new ArrayList<>(policies);
      p.addAll(more.policies());
      Map<String, List<AssetRun>> r = new LinkedHashMap<>(runs);
      r.putAll(more.runs());
      return new Result(p, windows, seeds, r, seconds + more.seconds());
    }

    /** Σ position-hours simulated. */
    public long positionHours() {
      long sum = 0;
      for (List<AssetRun> l : runs.values()) {
        for (AssetRun r : l) {
          sum += r.positionHours();
        }
      }
      return sum;
    }
  }

  /**
   * Simulates.
   *
   * @param progress receives the count of finished tasks (of policies × assets × seeds)
   */
  public static Result run(
      List<AssetHistory> histories,
      List<PolicyRun> policies,
      SimulationConfig config,
      List<Long> seeds,
      long fromMs,
      long toMs,
      IntConsumer progress) {
    return run(
        histories, policies, config, seeds, windows(histories, policies, fromMs, toMs), progress);
  }

  /**
   * The hours {@link #run} simulates per asset: from the first hour at which every policy has
   * thresholds (and not before {@code fromMs}) to the last before {@code toMs}; assets with none
   * are left out.
   */
  public static Map<String, Window> windows(
      List<AssetHistory> histories, List<PolicyRun> policies, long fromMs, long toMs) {
    Map<String, Window> windows = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      int from = h.series().indexAtOrAfter(fromMs);
      for (PolicyRun p : policies) {
        ThresholdSchedule s = p.schedules().get(h.symbol());
        from = Math.max(from, s == null ? h.size() : s.firstDefined() + 1);
      }
      int to = h.series().indexAtOrAfter(toMs);
      if (from < to) {
        windows.put(h.symbol(), new Window(h.symbol(), from, to));
      }
    }
    return windows;
  }

  /**
   * Simulates over given windows (those of an earlier run, to add policies to it); the policies
   * must have thresholds from each window's first row.
   */
  public static Result run(
      List<AssetHistory> histories,
      List<PolicyRun> policies,
      SimulationConfig config,
      List<Long> seeds,
      Map<String, Window> windows,
      IntConsumer progress) {
    return run(histories, policies, config, seeds, windows, progress, HERE);
  }

  /** One simulation: a policy on an asset's window with a seed. */
  public record Task(PolicyRun policy, AssetHistory history, Window window, long seed) {
    /** Simulates it. */
    public AssetRun simulate(SimulationConfig config) {
      return new Simulator(config)
          .run(
              history,
              policy.schedules().get(history.symbol()),
              policy.risk(),
              window.from(),
              window.to(),
              seed);
    }
  }

  /** Where the simulations run. */
  public interface Simulations {
    /**
     * The run of every task, in the tasks' order.
     *
     * @param done receives the count of finished tasks
     */
    List<AssetRun> run(List<Task> tasks, SimulationConfig config, IntConsumer done);
  }

  /** In this JVM, in parallel (one {@link Simulator} per task). */
  public static final Simulations HERE =
      (tasks, config, progress) -> {
        AtomicInteger done = new AtomicInteger();
        return tasks.parallelStream()
            .map(
                t -> {
                  AssetRun r = t.simulate(config);
                  progress.accept(done.incrementAndGet());
                  return r;
                })
            .toList();
      };

  /** As above, the simulations run by {@code simulations}. */
  public static Result run(
      List<AssetHistory> histories,
      List<PolicyRun> policies,
      SimulationConfig config,
      List<Long> seeds,
      Map<String, Window> windows,
      IntConsumer progress,
      Simulations simulations) {
    List<Task> tasks = new ArrayList<>();
    for (PolicyRun p : policies) {
      for (AssetHistory h : histories) {
        Window w = windows.get(h.symbol());
        if (w == null) {
          continue;
        }
        for (long seed : seeds) {
          tasks.add(new Task(p, h, w, seed));
        }
      }
    }
    long t0 = System.nanoTime();
    List<AssetRun> results = simulations.run(tasks, config, progress);
    if (results.size() != tasks.size()) {
      throw new IllegalStateException(results.size() + " runs for " + tasks.size() + " tasks");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, List<AssetRun>> runs = new LinkedHashMap<>();
    for (PolicyRun p : policies) {
      runs.put(p.name(), new ArrayList<>());
    }
    for (AssetRun r : results) {
      runs.get(r.policy()).add(r);
    }
    return new Result(List.copyOf(policies), windows, seeds, runs, seconds);
  }

  /** Tasks {@link #run} will simulate. */
  public static int taskCount(
      List<AssetHistory> histories, List<PolicyRun> policies, List<Long> seeds) {
    return histories.size() * policies.size() * seeds.size();
  }
}
