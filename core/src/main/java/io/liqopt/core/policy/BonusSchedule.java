package io.liqopt.core.policy;

/** How a position's liquidation bonus depends on its health factor. */
public enum BonusSchedule {
  /** The per-asset bonus whatever the health factor (the schedule is off). */
  FLAT,
  /**
   * Dutch-auction-like: the bonus rises linearly from the per-asset bonus b at HF = 1 to b_max at
   * HF = {@code bonusMaxAtHealthFactor}, and stays at b_max below. This is the shape of Aave v4's
   * health-dependent bonus and of Euler v2's discount {@code 1 − HF} capped by a maximum.
   */
  LINEAR;

  /**
   * The bonus for a position at {@code healthFactor}: {@code b + (b_max − b) · clamp((1 − HF) / (1
   * − h_max), 0, 1)} for {@link #LINEAR}, b for {@link #FLAT}.
   *
   * @param assetBonus b, the per-asset bonus
   * @param maxBonus b_max, at least b
   * @param healthFactor the position's HF
   * @param maxAtHealthFactor h_max in (0, 1), the HF at and below which the bonus is b_max
   */
  public double bonus(
      double assetBonus, double maxBonus, double healthFactor, double maxAtHealthFactor) {
    if (this == FLAT || !(healthFactor < 1)) {
      return assetBonus;
    }
    double w = Math.min(1d, (1 - healthFactor) / (1 - maxAtHealthFactor));
    return assetBonus + (Math.max(maxBonus, assetBonus) - assetBonus) * w;
  }
}
