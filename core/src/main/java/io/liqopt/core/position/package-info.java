/**
 * Positions and their assessment: a cross-margin {@link io.liqopt.core.position.Position} (several
 * collateral assets, one debt in the quote currency) judged by the per-asset thresholds of {@code
 * io.liqopt.core.policy}: health factor, distance to liquidation, repay amount, seizure order,
 * bonus and penalty, toxic-spiral guard and an execution schedule ({@link
 * io.liqopt.core.position.PositionAssessor}).
 */
package io.liqopt.core.position;
