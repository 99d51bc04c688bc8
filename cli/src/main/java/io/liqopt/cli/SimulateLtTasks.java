package io.liqopt.cli;

import io.liqopt.core.simulation.LtCalibration;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.store.HourlyMarket;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code simulate lt --engine spark}: one task per asset. A task carries the command's arguments
 * (paths made absolute); where it runs, the assets are prepared once per process from them (the
 * market read from {@code --data} and checked against the driver's, the forecaster fitted as the
 * driver fitted it: the fit is deterministic), then {@link LtCalibration#calibrate}, the code the
 * single-JVM run calls, for the task's asset. The calibration comes back without its paths (its
 * price fan instead), so a task sends back little.
 */
final class SimulateLtTasks {
  /** The assets prepared in this process, by arguments and market. */
  private static final Map<List<Object>, SimulationInputs.Prepared> PREPARED =
      new ConcurrentHashMap<>();

  private SimulateLtTasks() {}

  /**
   * Every asset of {@code driver} (the driver's preparation) calibrated on {@code engine}, in
   * order; {@code done} after each asset. Tasks that run in the driver's process (a local master)
   * use {@code driver} itself.
   *
   * @param args the command's arguments, their paths made absolute
   * @throws IllegalStateException when a worker prepared other assets than the driver
   */
  static List<LtCalibration.AssetRun> calibrate(
      Engine engine,
      List<String> args,
      MarketSource market,
      SimulationInputs.Prepared driver,
      LtCalibration.Design design,
      Runnable done) {
    List<Object> key = List.of(args, market);
    PREPARED.put(key, driver);
    try {
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < driver.assets().size(); i++) {
        inputs.add(i);
      }
      long cutoff = driver.cutoffMs();
      String version = driver.modelVersion();
      List<LtCalibration.AssetRun> runs =
          engine.map(
              "simulate-lt",
              inputs,
              i ->
                  LtCalibration.calibrate(
                      prepared(args, market).assets().get(i), cutoff, version, design, () -> {}),
              done);
      for (int i = 0; i < runs.size(); i++) {
        SimulationInputs.Asset a = driver.assets().get(i);
        LtCalibration.AssetResult r = runs.get(i).result();
        if (!r.symbol().equals(a.symbol())
            || r.hourlyVolatility() != a.hourlyVolatility()
            || r.policyLt() != a.thresholds().lt()) {
          throw new IllegalStateException(
              "a worker prepared "
                  + r.symbol()
                  + " otherwise than the driver prepared "
                  + a.symbol()
                  + " (its forecaster's fit differs)");
        }
      }
      return runs;
    } finally {
      PREPARED.remove(key);
    }
  }

  private static SimulationInputs.Prepared prepared(List<String> args, MarketSource market) {
    return PREPARED.computeIfAbsent(
        List.of(args, market),
        k -> {
          SimulateLtCommand c = TaskArgs.command(args, SimulateLtCommand.class);
          HourlyMarket m = market.market();
          try {
            return SimulationInputs.prepare(
                m.series(),
                m.factor(),
                PathModelOptions.cutoff(c.asOf, m.series()),
                c.pathModel.forecaster(),
                c.pathModel.policy(),
                c.stress.level());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
