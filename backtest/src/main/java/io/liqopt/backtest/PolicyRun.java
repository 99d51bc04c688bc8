package io.liqopt.backtest;

import io.liqopt.core.policy.ResolvedPolicy;
import java.util.Map;

/**
 * A policy ready to simulate: its parameters at every hour of every asset, and its liquidation
 * rules.
 *
 * @param name the policy's name in reports
 * @param kind {@code static}, {@code adaptive} or {@code oracle}
 * @param description what it is, in a sentence
 * @param risk the liquidation rules (close factor, target and full-liquidation HF, dust) the
 *     simulated liquidations follow
 * @param schedules by symbol
 */
public record PolicyRun(
    String name,
    String kind,
    String description,
    ResolvedPolicy risk,
    Map<String, ThresholdSchedule> schedules) {

  public PolicyRun {
    schedules = Map.copyOf(schedules);
  }

  /** This policy with other liquidation rules (the same schedules). */
  public PolicyRun withRisk(ResolvedPolicy value) {
    return new PolicyRun(name, kind, description, value, schedules);
  }
}
