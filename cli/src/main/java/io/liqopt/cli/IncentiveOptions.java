package io.liqopt.cli;

import io.liqopt.backtest.Incentive;
import io.liqopt.backtest.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The backtest's incentive rule and bonus experiment options. */
final class IncentiveOptions {
  @Option(
      names = "--incentive",
      defaultValue = "flat",
      paramLabel = "RULE",
      description =
          "The incentive rule every policy but the presets is simulated with: flat (bonus B,"
              + " close factor 50 %%, whole debt below HF 0.95) or aave-v4 (bonus B at HF 1"
              + " rising linearly to B_MAX at HF 0.90, repay to HF 1.05, dust 1000)"
              + " (default: ${DEFAULT-VALUE}).")
  String incentive;

  @Option(
      names = "--bonus",
      defaultValue = "0.05",
      paramLabel = "B",
      description = "The incentive rule's bonus at HF 1 (default: ${DEFAULT-VALUE}).")
  double bonus;

  @Option(
      names = "--bonus-max",
      defaultValue = "0.10",
      paramLabel = "B_MAX",
      description =
          "The largest bonus: aave-v4's at HF 0.90, and the cap of the minimum incentive"
              + " (default: ${DEFAULT-VALUE}).")
  double bonusMax;

  @Option(
      names = "--min-incentive",
      paramLabel = "Q",
      description =
          "The least a liquidator earns per liquidation, quote currency: the bonus of a small"
              + " position is raised to pay it (default: the liquidator's fixed cost).")
  Double minIncentive;

  @Option(
      names = "--bonus-rules",
      defaultValue = "flat,aave-v4",
      split = ",",
      paramLabel = "RULE,...",
      description =
          "The bonus experiment: each rule at the same static LT --bonus-lt (default:"
              + " ${DEFAULT-VALUE}; 'none' to skip).")
  List<String> bonusRules;

  @Option(
      names = "--bonus-lt",
      defaultValue = "0.80",
      paramLabel = "LT",
      description = "The LT of the bonus experiment (default: ${DEFAULT-VALUE}).")
  double bonusLt;

  /** The thresholds experiment's rule. */
  Incentive incentive(SimulationConfig sim) {
    return Incentive.named(incentive, bonus, bonusMax, minIncentiveQuote(sim));
  }

  /** The minimum incentive: the option, else the simulated liquidator's fixed cost. */
  double minIncentiveQuote(SimulationConfig sim) {
    return minIncentive != null ? minIncentive : sim.liquidatorFixedCostQuote();
  }

  /** The bonus experiment's rules. */
  List<Incentive> rules(SimulationConfig sim) {
    List<Incentive> out = new ArrayList<>();
    for (String r : bonusRules) {
      if (!r.equals("none")) {
        out.add(Incentive.named(r, bonus, bonusMax, minIncentiveQuote(sim)));
      }
    }
    return out;
  }
}
