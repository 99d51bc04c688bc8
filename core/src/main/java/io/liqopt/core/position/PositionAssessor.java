package io.liqopt.core.position;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.BonusConfig;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ReasonCode;
import io.liqopt.core.policy.ResolvedPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assesses positions against per-asset thresholds (DESIGN.md, "Threshold policy"). Stateless apart
 * from the policy it was built with; thread-safe.
 *
 * <p>With holdings i (quantity C_i, price P_i, threshold LT_i, bonus b_i) and debt D:
 *
 * <ul>
 *   <li>{@code HF = Σ C_i P_i LT_i / D}; liquidatable when HF &lt; 1; distance to liquidation
 *       {@code 1 − 1/HF}, the uniform price fall that brings HF to 1.
 *   <li>Seizure order: seizing ΔD·(1 + b_k) of asset k moves HF towards {@code LT_k (1 + b_k)}
 *       (since {@code HF' − c_k = (HF − c_k)·D / (D − ΔD)} with {@code c_k = LT_k (1 + b_k)}), so
 *       only assets with {@code c_k < HF} raise HF. Those are seized first, least impact per unit
 *       of value first (smallest square-root scale k_i, see {@link SquareRootImpact}), ties broken
 *       by the riskiest (lowest LT_i); the others follow by increasing c_k. When the position is
 *       not in the toxic spiral, this order never lowers HF (after the raising assets are gone, HF
 *       ≥ the smallest remaining c_k), so a capped plan still raises HF.
 *   <li>Restoring repay: seizing ΔD·(1 + b_k) of asset k gives {@code HF' = (Σ C_i P_i LT_i − ΔD (1
 *       + b_k) LT_k) / (D − ΔD) = h*}, hence {@code ΔD = (h*·D − Σ C_i P_i LT_i) / (h* − LT_k (1 +
 *       b_k))}; when asset k runs out, all of it is seized and the same formula is solved again on
 *       the next asset with the reduced sums (so multi-collateral positions land exactly on h*). It
 *       is capped by the close factor (the smallest of the holdings'), except that the whole debt
 *       is repaid below the full-liquidation HF, when D or the debt left would be under the dust
 *       size, or when no partial repay reaches h*, or when the (capped) partial plan would not
 *       raise HF at all (per-asset toxic spiral: every seizable asset has {@code LT_k (1 + b_k) ≥
 *       HF}). Position-level rules take the most protective value over the holdings: the largest
 *       h*, full-liquidation HF and dust size, the smallest close factor.
 *   <li>Toxic-spiral guard: when {@code Σ C_i P_i / (1 + b_i) < D} (for one bonus: {@code Σ C_i P_i
 *       < D·(1 + b)}), each partial liquidation lowers collateral/debt (Aave v2 CRV, November
 *       2022); all collateral is seized and the rest is bad debt for the backstop.
 *   <li>Bonus per holding: the asset's bonus, raised by the asset's {@code BonusSchedule} as HF
 *       falls, then, when the bonus on the repay ΔD would pay the liquidator less than the asset's
 *       {@code minIncentiveQuote}, raised to {@code minIncentiveQuote / ΔD} (capped at b_max) and
 *       the repay sized again with it (a larger bonus only raises ΔD, so the incentive is then met
 *       or the cap binds). Borrower penalty: seized value − ΔD.
 *   <li>Execution: each seized asset is sold in n equal hourly slices, n the smallest count that
 *       keeps each slice's impact {@code k·sqrt(q)} under the slice limit and q under the
 *       participation rate times the hourly volume; expected slippage {@code Σ q · k·sqrt(q)}
 *       (impact assumed to decay between hourly slices; each slice is charged its end-of-slice
 *       impact, a conservative estimate).
 *   <li>Provenance: the assessment lists each holding's LT, bonus and model version, and is flagged
 *       stale (with a {@link ReasonCode#STALE_THRESHOLDS} reason) when any holding's thresholds are
 *       stale.
 * </ul>
 */
public final class PositionAssessor {
  /** The most slices one asset's sale is cut into; beyond it the slices exceed the limit. */
  public static final int MAX_SLICES_PER_ASSET = 1000;

  private static final Reason HEALTHY = Reason.of(ReasonCode.HEALTHY);
  private static final Reason PARTIAL = Reason.of(ReasonCode.PARTIAL_RESTORES_TARGET);
  private static final Reason CAPPED = Reason.of(ReasonCode.CLOSE_FACTOR_CAP);
  private static final Reason FULL_LEVEL = Reason.of(ReasonCode.FULL_BELOW_LEVEL);
  private static final Reason FULL_DUST = Reason.of(ReasonCode.FULL_DUST);
  private static final Reason FULL_RESTORE = Reason.of(ReasonCode.FULL_CANNOT_RESTORE);
  private static final Reason SCHEDULE = Reason.of(ReasonCode.BONUS_SCHEDULE);
  private static final Reason MIN_INCENTIVE = Reason.of(ReasonCode.BONUS_MIN_INCENTIVE);

  /**
   * Rounds of the minimum-incentive raise: each covers the slippage of the previous round's sale,
   * which grows a little with the bonus; the few rounds leave a shortfall far under a unit of the
   * quote currency (the raise itself adds {@link BonusConfig#INCENTIVE_MARGIN}).
   */
  private static final int INCENTIVE_ROUNDS = 4;

  /** A capped partial plan must raise HF by more than this (relative) to count as raising it. */
  private static final double HF_RAISE_TOLERANCE = 1e-12;

  private final ResolvedPolicy policy;

  private PositionAssessor(ResolvedPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** An assessor applying {@code policy}'s per-asset configuration. */
  public static PositionAssessor of(ResolvedPolicy policy) {
    return new PositionAssessor(policy);
  }

  /**
   * Assesses many positions; a position that cannot be assessed (unknown symbol, bad values) gives
   * an error item and does not stop the others.
   *
   * @return one outcome per position, in order
   */
  public List<AssessmentOutcome> assessAll(
      List<Position> positions,
      Map<String, AssetThresholds> thresholds,
      Map<String, MarketSnapshot> markets) {
    return assessAll(positions, thresholds, markets, () -> {});
  }

  /** Positions between two calls of an {@link #assessAll} checkpoint. */
  public static final int CHECKPOINT_EVERY = 256;

  /**
   * As {@link #assessAll(List, Map, Map)}, running {@code checkpoint} before every {@value
   * #CHECKPOINT_EVERY} positions (a caller's deadline stops the batch by throwing from it).
   */
  public List<AssessmentOutcome> assessAll(
      List<Position> positions,
      Map<String, AssetThresholds> thresholds,
      Map<String, MarketSnapshot> markets,
      Runnable checkpoint) {
    return assessAll(positions, 0, positions.size(), thresholds, markets, checkpoint);
  }

  /**
   * As {@link #assessAll(List, Map, Map, Runnable)} on positions {@code from..to − 1} of the list
   * alone (a chunk of a batch), each outcome keeping its index in the whole list.
   */
  public List<AssessmentOutcome> assessAll(
      List<Position> positions,
      int from,
      int to,
      Map<String, AssetThresholds> thresholds,
      Map<String, MarketSnapshot> markets,
      Runnable checkpoint) {
    Objects.checkFromToIndex(from, to, positions.size());
    List<AssessmentOutcome> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      if ((i - from) % CHECKPOINT_EVERY == 0) {
        checkpoint.run();
      }
      Position p = positions.get(i);
      if (p == null) {
        out.add(new AssessmentOutcome(i, null, null, "position is null"));
        continue;
      }
      try {
        out.add(new AssessmentOutcome(i, p.id(), assess(p, thresholds, markets), null));
      } catch (IllegalArgumentException e) {
        out.add(new AssessmentOutcome(i, p.id(), null, e.getMessage()));
      }
    }
    return out;
  }

  /**
   * Assesses one position.
   *
   * @param thresholds the (governed) thresholds of every collateral symbol
   * @param markets the market snapshot of every collateral symbol (volume, depth)
   * @throws IllegalArgumentException when a symbol lacks thresholds or market data
   */
  public Assessment assess(
      Position position,
      Map<String, AssetThresholds> thresholds,
      Map<String, MarketSnapshot> markets) {
    Holdings h = Holdings.valued(position, thresholds);
    double debt = position.debtQuote();
    double hf = h.weighted / debt;
    boolean stale = !h.staleSymbols.isEmpty();
    Reason staleReason =
        stale
            ? new Reason(
                ReasonCode.STALE_THRESHOLDS,
                "stale thresholds used for " + String.join(", ", h.staleSymbols))
            : null;
    if (hf >= 1) {
      return new Assessment(
          position.id(),
          h.collateral,
          h.weighted,
          debt,
          hf,
          false,
          1 - 1 / hf,
          null,
          stale ? List.of(HEALTHY, staleReason) : List.of(HEALTHY),
          stale,
          h.used);
    }
    List<Reason> reasons = new ArrayList<>(4);
    if (stale) {
      reasons.add(staleReason);
    }
    h.price(position.id(), markets, policy, hf);
    if (h.scheduled) {
      reasons.add(SCHEDULE);
    }
    List<Reason> sizing = new ArrayList<>(4);
    Repay r = repay(h, debt, hf, sizing);
    LiquidationPlan plan = Seizures.plan(h, debt, r.amount(), r.full(), r.toxic(), sizing);
    boolean raised = false;
    for (int round = 0; round < INCENTIVE_ROUNDS; round++) {
      if (!h.raiseToMinIncentive(r.amount(), plan.expectedSlippageQuote(), hf)) {
        break;
      }
      raised = true;
      sizing.clear();
      r = repay(h, debt, hf, sizing);
      plan = Seizures.plan(h, debt, r.amount(), r.full(), r.toxic(), sizing);
    }
    if (raised) {
      reasons.add(MIN_INCENTIVE);
    }
    reasons.addAll(sizing);
    return new Assessment(
        position.id(), h.collateral, h.weighted, debt, hf, true, 0, plan, reasons, stale, h.used);
  }

  /** How much debt a liquidation repays, whether it is a full liquidation, and whether toxic. */
  private record Repay(double amount, boolean full, boolean toxic) {}

  /**
   * The repay: everything in a toxic spiral, below the full-liquidation HF or at dust size; else
   * the restoring repay capped by the close factor, unless that cannot raise HF or leaves dust.
   */
  private static Repay repay(Holdings h, double debt, double hf, List<Reason> reasons) {
    double maxRepay = 0;
    for (int i = 0; i < h.size(); i++) {
      maxRepay += h.value[i] / (1 + h.bonus[i]);
    }
    if (maxRepay < debt) {
      reasons.add(
          // formatted only when read: the compact view and the book never read it
          Reason.formatted(
              ReasonCode.TOXIC_SPIRAL,
              "collateral %.6g can repay at most %.6g of debt %.6g at its bonus: seize all,"
                  + " %.6g to the backstop",
              h.collateral,
              maxRepay,
              debt,
              debt - maxRepay));
      return new Repay(maxRepay, true, true);
    }
    if (hf < h.fullHf) {
      reasons.add(FULL_LEVEL);
      return new Repay(debt, true, false);
    }
    if (debt <= h.dust) {
      reasons.add(FULL_DUST);
      return new Repay(debt, true, false);
    }
    double restoring = Seizures.restoringRepay(h, debt, h.targetHf);
    if (!(restoring < debt)) {
      reasons.add(FULL_RESTORE);
      return new Repay(debt, true, false);
    }
    double repay = restoring;
    boolean capped = repay > h.closeFactor * debt;
    if (capped) {
      repay = h.closeFactor * debt;
    }
    double hfAfter = Seizures.healthAfter(h, debt, repay);
    if (!(hfAfter > hf * (1 + HF_RAISE_TOLERANCE))) {
      reasons.add(
          Reason.formatted(
              ReasonCode.FULL_PARTIAL_LOWERS_HEALTH,
              "a partial repay of %.6g would leave HF %.6g ≤ %.6g (assets with LT·(1 + b) ≥"
                  + " HF: %s): full liquidation",
              h.closeFactor * debt,
              hfAfter,
              hf,
              h.loweringAssets(hf)));
      return new Repay(debt, true, false);
    }
    reasons.add(PARTIAL);
    if (capped) {
      reasons.add(CAPPED);
    }
    if (debt - repay < h.dust) {
      reasons.add(FULL_DUST);
      return new Repay(debt, true, false);
    }
    return new Repay(repay, false, false);
  }
}
