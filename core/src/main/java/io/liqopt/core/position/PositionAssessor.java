package io.liqopt.core.position;

import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ReasonCode;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *       falls. Borrower penalty: seized value − ΔD.
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

  /** Relative debt remainder below which seizing stops (rounding noise of the piecewise solve). */
  private static final double REMAINDER_TOLERANCE = 1e-12;

  private static final Reason HEALTHY = Reason.of(ReasonCode.HEALTHY);
  private static final Reason PARTIAL = Reason.of(ReasonCode.PARTIAL_RESTORES_TARGET);
  private static final Reason CAPPED = Reason.of(ReasonCode.CLOSE_FACTOR_CAP);
  private static final Reason FULL_LEVEL = Reason.of(ReasonCode.FULL_BELOW_LEVEL);
  private static final Reason FULL_DUST = Reason.of(ReasonCode.FULL_DUST);
  private static final Reason FULL_RESTORE = Reason.of(ReasonCode.FULL_CANNOT_RESTORE);
  private static final Reason TOXIC = Reason.of(ReasonCode.TOXIC_SPIRAL);
  private static final Reason SCHEDULE = Reason.of(ReasonCode.BONUS_SCHEDULE);
  private static final Reason UNREACHABLE = Reason.of(ReasonCode.IMPACT_LIMIT_UNREACHABLE);

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
    List<AssessmentOutcome> out = new ArrayList<>(positions.size());
    for (int i = 0; i < positions.size(); i++) {
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
    List<CollateralHolding> holdings = position.collateral();
    int n = holdings.size();
    double[] value = new double[n];
    double[] lt = new double[n];
    double collateral = 0;
    double weighted = 0;
    AssetThresholds[] th = new AssetThresholds[n];
    List<ThresholdsUsed> used = new ArrayList<>(n);
    List<String> staleSymbols = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CollateralHolding h = holdings.get(i);
      th[i] = thresholds.get(h.symbol());
      if (th[i] == null) {
        throw new IllegalArgumentException(
            "no thresholds for " + h.symbol() + " (position " + position.id() + ")");
      }
      if (!th[i].symbol().equals(h.symbol())) {
        throw new IllegalArgumentException(
            "thresholds given for "
                + h.symbol()
                + " are those of "
                + th[i].symbol()
                + " (position "
                + position.id()
                + ")");
      }
      used.add(ThresholdsUsed.of(th[i]));
      if (th[i].stale()) {
        staleSymbols.add(h.symbol() + " (" + th[i].modelVersion() + ")");
      }
      value[i] = h.valueQuote();
      lt[i] = th[i].lt();
      collateral += value[i];
      weighted += value[i] * lt[i];
    }
    double debt = position.debtQuote();
    double hf = weighted / debt;
    boolean stale = !staleSymbols.isEmpty();
    Reason staleReason =
        stale
            ? new Reason(
                ReasonCode.STALE_THRESHOLDS,
                "stale thresholds used for " + String.join(", ", staleSymbols))
            : null;
    if (hf >= 1) {
      return new Assessment(
          position.id(),
          collateral,
          weighted,
          debt,
          hf,
          false,
          1 - 1 / hf,
          null,
          stale ? List.of(HEALTHY, staleReason) : List.of(HEALTHY),
          stale,
          used);
    }
    List<Reason> reasons = new ArrayList<>(4);
    if (stale) {
      reasons.add(staleReason);
    }
    AssetRiskConfig[] cfg = new AssetRiskConfig[n];
    MarketSnapshot[] mk = new MarketSnapshot[n];
    double[] bonus = new double[n];
    double[] scale = new double[n];
    double closeFactor = 1;
    double targetHf = 0;
    double fullHf = 0;
    double dust = 0;
    boolean scheduled = false;
    for (int i = 0; i < n; i++) {
      String symbol = holdings.get(i).symbol();
      mk[i] = markets.get(symbol);
      if (mk[i] == null) {
        throw new IllegalArgumentException(
            "no market data for " + symbol + " (position " + position.id() + ")");
      }
      if (!mk[i].symbol().equals(symbol)) {
        throw new IllegalArgumentException(
            "market data given for "
                + symbol
                + " is that of "
                + mk[i].symbol()
                + " (position "
                + position.id()
                + ")");
      }
      cfg[i] = policy.forSymbol(symbol);
      bonus[i] =
          cfg[i]
              .bonusSchedule()
              .bonus(th[i].bonus(), cfg[i].bonusMax(), hf, cfg[i].bonusMaxAtHealthFactor());
      scheduled |= bonus[i] > th[i].bonus();
      scale[i] =
          SquareRootImpact.of(mk[i], th[i].dailyVolatility(), cfg[i].impactCoefficient()).scale();
      closeFactor = Math.min(closeFactor, th[i].closeFactor());
      targetHf = Math.max(targetHf, cfg[i].targetHealthFactor());
      fullHf = Math.max(fullHf, cfg[i].fullLiquidationHealthFactor());
      dust = Math.max(dust, cfg[i].dustQuote());
    }
    if (scheduled) {
      reasons.add(SCHEDULE);
    }
    int[] order = seizureOrder(scale, lt, bonus, hf);

    double maxRepay = 0;
    for (int i = 0; i < n; i++) {
      maxRepay += value[i] / (1 + bonus[i]);
    }
    double repay;
    boolean full = true;
    boolean toxic = false;
    if (maxRepay < debt) {
      toxic = true;
      repay = maxRepay;
      reasons.add(
          new Reason(
              ReasonCode.TOXIC_SPIRAL,
              String.format(
                  Locale.ROOT,
                  "collateral %.6g can repay at most %.6g of debt %.6g at its bonus: seize all,"
                      + " %.6g to the backstop",
                  collateral,
                  maxRepay,
                  debt,
                  debt - maxRepay)));
    } else if (hf < fullHf) {
      repay = debt;
      reasons.add(FULL_LEVEL);
    } else if (debt <= dust) {
      repay = debt;
      reasons.add(FULL_DUST);
    } else {
      double restoring = restoringRepay(order, value, lt, bonus, weighted, debt, targetHf);
      if (!(restoring < debt)) {
        repay = debt;
        reasons.add(FULL_RESTORE);
      } else {
        repay = restoring;
        boolean capped = repay > closeFactor * debt;
        if (capped) {
          repay = closeFactor * debt;
        }
        double hfAfter = healthAfter(order, value, lt, bonus, weighted, debt, repay);
        if (!(hfAfter > hf * (1 + HF_RAISE_TOLERANCE))) {
          repay = debt;
          reasons.add(
              new Reason(
                  ReasonCode.FULL_PARTIAL_LOWERS_HEALTH,
                  String.format(
                      Locale.ROOT,
                      "a partial repay of %.6g would leave HF %.6g ≤ %.6g (assets with LT·(1 + b) ≥"
                          + " HF: %s): full liquidation",
                      closeFactor * debt,
                      hfAfter,
                      hf,
                      loweringAssets(holdings, lt, bonus, hf))));
        } else {
          full = false;
          reasons.add(PARTIAL);
          if (capped) {
            reasons.add(CAPPED);
          }
        }
        if (!full && debt - repay < dust) {
          repay = debt;
          full = true;
          reasons.add(FULL_DUST);
        }
      }
    }
    LiquidationPlan plan =
        plan(
            holdings, order, value, lt, bonus, scale, cfg, mk, weighted, debt, repay, full, toxic,
            reasons);
    return new Assessment(
        position.id(), collateral, weighted, debt, hf, true, 0, plan, reasons, stale, used);
  }

  /**
   * The repay that brings HF to h*, seizing in {@code order}; NaN when no partial repay can (a
   * seized asset with LT_k (1 + b_k) ≥ h*, or the collateral runs out first).
   */
  static double restoringRepay(
      int[] order,
      double[] value,
      double[] lt,
      double[] bonus,
      double weighted,
      double debt,
      double targetHf) {
    double repay = 0;
    double w = weighted;
    double d = debt;
    for (int i : order) {
      double denom = targetHf - lt[i] * (1 + bonus[i]);
      if (!(denom > 0)) {
        return Double.NaN;
      }
      double x = (targetHf * d - w) / denom;
      if (x <= 0) {
        return repay;
      }
      if (x * (1 + bonus[i]) <= value[i]) {
        return repay + x;
      }
      double all = value[i] / (1 + bonus[i]);
      repay += all;
      d -= all;
      w -= value[i] * lt[i];
      if (!(d > 0)) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** HF after repaying {@code repay}, seizing in {@code order} (as {@link #plan} does). */
  static double healthAfter(
      int[] order,
      double[] value,
      double[] lt,
      double[] bonus,
      double weighted,
      double debt,
      double repay) {
    double remaining = repay;
    double w = weighted;
    for (int i : order) {
      if (!(remaining > REMAINDER_TOLERANCE * repay)) {
        break;
      }
      double take = Math.min(value[i], remaining * (1 + bonus[i]));
      remaining -= take / (1 + bonus[i]);
      w -= take * lt[i];
    }
    return Math.max(0, w) / (debt - repay);
  }

  private static String loweringAssets(
      List<CollateralHolding> holdings, double[] lt, double[] bonus, double hf) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lt.length; i++) {
      double c = lt[i] * (1 + bonus[i]);
      if (c >= hf) {
        out.add(String.format(Locale.ROOT, "%s %.6g", holdings.get(i).symbol(), c));
      }
    }
    return String.join(", ", out);
  }

  private static LiquidationPlan plan(
      List<CollateralHolding> holdings,
      int[] order,
      double[] value,
      double[] lt,
      double[] bonus,
      double[] scale,
      AssetRiskConfig[] cfg,
      MarketSnapshot[] mk,
      double weighted,
      double debt,
      double repay,
      boolean full,
      boolean toxic,
      List<Reason> reasons) {
    List<Seizure> seizures = new ArrayList<>(order.length);
    List<ExecutionSlice> slices = new ArrayList<>();
    double remaining = repay;
    // rounding can leave a few ulps of debt after the last needed asset: do not seize dust for it
    double negligible = REMAINDER_TOLERANCE * repay;
    double seizedTotal = 0;
    double weightedAfter = weighted;
    double slippage = 0;
    boolean unreachable = false;
    for (int i : order) {
      if (!(remaining > negligible)) {
        break;
      }
      double take = Math.min(value[i], remaining * (1 + bonus[i]));
      remaining -= take / (1 + bonus[i]);
      if (!(take > 0)) {
        continue;
      }
      CollateralHolding h = holdings.get(i);
      seizures.add(new Seizure(h.symbol(), take, take / h.priceQuote(), bonus[i]));
      seizedTotal += take;
      weightedAfter -= take * lt[i];
      double maxSlice =
          Math.min(
              cfg[i].sliceImpactLimit() / scale[i] * (cfg[i].sliceImpactLimit() / scale[i]),
              cfg[i].participationRate() * mk[i].hourlyQuoteVolume());
      double count = Math.ceil(take / maxSlice);
      int k = (int) Math.min(Math.max(1, count), MAX_SLICES_PER_ASSET);
      unreachable |= count > MAX_SLICES_PER_ASSET;
      double q = take / k;
      double impact = scale[i] * Math.sqrt(q);
      for (int j = 0; j < k; j++) {
        slices.add(new ExecutionSlice(h.symbol(), j, j, q, q / h.priceQuote(), impact));
      }
      slippage += take * impact;
    }
    if (unreachable) {
      reasons.add(UNREACHABLE);
    }
    double debtAfter = debt - repay;
    double badDebt = toxic ? debtAfter : 0;
    Double hfAfter = full && !toxic ? null : Math.max(0, weightedAfter) / debtAfter;
    double penalty = Math.max(0, seizedTotal - repay);
    return new LiquidationPlan(
        repay,
        full,
        toxic,
        badDebt,
        seizures,
        repay > 0 ? penalty / repay : 0,
        penalty,
        hfAfter,
        slices,
        slippage);
  }

  /**
   * Indices of the assets that raise HF ({@code LT (1 + b) < hf}) first, by increasing impact
   * scale, ties (relative 1e-12) by increasing LT (riskiest first); then the others by increasing
   * {@code LT (1 + b)}.
   */
  static int[] seizureOrder(double[] scale, double[] lt, double[] bonus, double hf) {
    int n = scale.length;
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = lt[i] * (1 + bonus[i]);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && before(x, order[j], scale, lt, c, hf)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    return order;
  }

  private static boolean before(int a, int b, double[] scale, double[] lt, double[] c, double hf) {
    boolean raisesA = c[a] < hf;
    if (raisesA != (c[b] < hf)) {
      return raisesA;
    }
    if (!raisesA && c[a] != c[b]) {
      return c[a] < c[b];
    }
    double tol = 1e-12 * Math.max(scale[a], scale[b]);
    if (Math.abs(scale[a] - scale[b]) > tol) {
      return scale[a] < scale[b];
    }
    return lt[a] < lt[b];
  }
}
