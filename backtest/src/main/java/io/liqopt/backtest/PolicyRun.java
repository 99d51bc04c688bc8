package io.liqopt.backtest;

import io.liqopt.core.policy.ResolvedPolicy;
import java.util.List;
import java.util.Map;

/**
 * A policy ready to simulate: its parameters at every hour of every asset, and its liquidation
 * rules.
 *
 * @param name the policy's name in reports
 * @param kind {@code static}, {@code adaptive}, {@code sweep} (a point of a swept family, see
 *     {@link #family()}), {@code preset}, {@code bonus} or {@code oracle}
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

  /**
   * Name prefixes of the families whose points are named {@code <prefix><parameter>} whatever their
   * kind: the optimiser's {@code static-per-asset-refit-<level>} points.
   */
  static final List<String> FAMILY_PREFIXES = List.of("static-per-asset-refit-");

  /**
   * The family this policy is a point of, or "" for none: policies sharing a family key form one
   * curve of bad debt against LTV, compared with the static frontier curve to curve ({@link
   * BootstrapFamilies}). See {@link #familyOf}.
   */
  public String family() {
    return familyOf(kind, name);
  }

  /**
   * The family of the policy {@code name} of {@code kind}: for kind {@code sweep} the name up to
   * its last '-' ({@code ewma-a0.95} is a point of {@code ewma}); for a name of {@link
   * #FAMILY_PREFIXES} the prefix without its '-'; else "" (no family).
   */
  public static String familyOf(String kind, String name) {
    int dash = name.lastIndexOf('-');
    if (kind.equals("sweep") && dash > 0) {
      return name.substring(0, dash);
    }
    for (String prefix : FAMILY_PREFIXES) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    return "";
  }

  /** This policy with other liquidation rules (the same schedules). */
  public PolicyRun withRisk(ResolvedPolicy value) {
    return new PolicyRun(name, kind, description, value, schedules);
  }
}
