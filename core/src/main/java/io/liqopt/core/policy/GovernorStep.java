package io.liqopt.core.policy;

import java.util.Objects;

/**
 * One step of {@link ThresholdGovernor}.
 *
 * @param thresholds the governed thresholds (LT and LTV governed, the rest as targeted), with the
 *     target's reasons followed by the governor's
 * @param state the state to pass to the next step
 */
public record GovernorStep(AssetThresholds thresholds, GovernorState state) {

  public GovernorStep {
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(state, "state");
  }
}
