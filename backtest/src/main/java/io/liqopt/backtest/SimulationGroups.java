package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.policy.ResolvedPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backtest's simulations ({@link Backtest.Task}) grouped by policy and asset, for tasks that run
 * elsewhere: a group carries one schedule, its risk rules and its window once for all its seeds,
 * and its runs come back as plain serialisable data. Each run is the one {@link
 * Backtest.Task#simulate} gives.
 */
public final class SimulationGroups {
  private SimulationGroups() {}

  /**
   * The simulations of one policy on one asset.
   *
   * @param symbol the asset
   * @param schedule the policy's thresholds on it
   * @param risk the policy's liquidation rules
   * @param from first simulated row
   * @param to end row, exclusive
   * @param seeds one run per seed
   * @param tasks the index of each seed's task in the list grouped
   */
  public record Group(
      String symbol,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      List<Long> seeds,
      List<Integer> tasks)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Group {
      seeds = List.copyOf(seeds);
      tasks = List.copyOf(tasks);
    }

    /** The run of each seed on {@code history} (the group's asset), in order. */
    public ArrayList<AssetRun> simulate(AssetHistory history, SimulationConfig config) {
      if (!history.symbol().equals(symbol)) {
        throw new IllegalArgumentException(history.symbol() + " given for " + symbol);
      }
      ArrayList<AssetRun> out = new ArrayList<>();
      for (long seed : seeds) {
        out.add(new Simulator(config).run(history, schedule, risk, from, to, seed));
      }
      return out;
    }
  }

  /** {@code tasks} grouped by policy and asset, in the order of their first task. */
  public static List<Group> of(List<Backtest.Task> tasks) {
    Map<List<String>, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      Backtest.Task t = tasks.get(i);
      byKey
          .computeIfAbsent(List.of(t.policy().name(), t.history().symbol()), k -> new ArrayList<>())
          .add(i);
    }
    List<Group> out = new ArrayList<>();
    for (List<Integer> indices : byKey.values()) {
      Backtest.Task t = tasks.get(indices.get(0));
      List<Long> seeds = new ArrayList<>();
      for (int i : indices) {
        Backtest.Task s = tasks.get(i);
        if (!s.window().equals(t.window())) {
          throw new IllegalArgumentException("one policy's runs of an asset over other windows");
        }
        seeds.add(s.seed());
      }
      out.add(
          new Group(
              t.history().symbol(),
              t.policy().schedules().get(t.history().symbol()),
              t.policy().risk(),
              t.window().from(),
              t.window().to(),
              seeds,
              indices));
    }
    return out;
  }

  /**
   * The runs of {@code groups} ({@code runs.get(g)} those of group g, seed by seed) in the order of
   * the {@code size} tasks they were grouped from.
   */
  public static List<AssetRun> ungroup(
      List<Group> groups, List<? extends List<AssetRun>> runs, int size) {
    AssetRun[] out = new AssetRun[size];
    for (int g = 0; g < groups.size(); g++) {
      List<Integer> tasks = groups.get(g).tasks();
      if (runs.get(g).size() != tasks.size()) {
        throw new IllegalStateException("a group's runs do not match its seeds");
      }
      for (int k = 0; k < tasks.size(); k++) {
        out[tasks.get(k)] = runs.get(g).get(k);
      }
    }
    return List.of(out); // refuses a task left without a run
  }
}
