package io.liqopt.core.position;

import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.BonusConfig;
import io.liqopt.core.policy.ExecutionConfig;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One position's holdings as {@link PositionAssessor} works on them: valued against their
 * thresholds first ({@link #valued}), then, for a liquidatable position, priced for seizure ({@link
 * #price}): bonus at the position's HF, impact scale, market, the position-level rules (the most
 * protective over the holdings) and the seizure order. A working object of one assessment: not
 * thread-safe, never shared.
 */
final class Holdings {
  final List<CollateralHolding> holdings;
  final AssetThresholds[] thresholds;
  final double[] value;
  final double[] lt;
  final List<ThresholdsUsed> used;
  final List<String> staleSymbols;
  double collateral;
  double weighted;

  final double[] bonus;
  final double[] scale;
  final ExecutionConfig[] execution;
  final BonusConfig[] bonusRule;
  final MarketSnapshot[] market;
  double closeFactor = 1;
  double targetHf;
  double fullHf;
  double dust;
  boolean scheduled;
  int[] order;

  private Holdings(List<CollateralHolding> holdings) {
    this.holdings = holdings;
    int n = holdings.size();
    thresholds = new AssetThresholds[n];
    value = new double[n];
    lt = new double[n];
    used = new ArrayList<>(n);
    staleSymbols = new ArrayList<>();
    bonus = new double[n];
    scale = new double[n];
    execution = new ExecutionConfig[n];
    bonusRule = new BonusConfig[n];
    market = new MarketSnapshot[n];
  }

  int size() {
    return value.length;
  }

  /**
   * Values each holding and weights it by its LT.
   *
   * @throws IllegalArgumentException when a symbol lacks thresholds or has another symbol's
   */
  static Holdings valued(Position position, Map<String, AssetThresholds> thresholds) {
    Holdings h = new Holdings(position.collateral());
    for (int i = 0; i < h.size(); i++) {
      CollateralHolding c = h.holdings.get(i);
      AssetThresholds t = thresholds.get(c.symbol());
      if (t == null) {
        throw new IllegalArgumentException(
            "no thresholds for " + c.symbol() + " (position " + position.id() + ")");
      }
      if (!t.symbol().equals(c.symbol())) {
        throw new IllegalArgumentException(
            "thresholds given for "
                + c.symbol()
                + " are those of "
                + t.symbol()
                + " (position "
                + position.id()
                + ")");
      }
      h.thresholds[i] = t;
      h.used.add(ThresholdsUsed.of(t));
      if (t.stale()) {
        h.staleSymbols.add(c.symbol() + " (" + t.modelVersion() + ")");
      }
      h.value[i] = c.valueQuote();
      h.lt[i] = t.lt();
      h.collateral += h.value[i];
      h.weighted += h.value[i] * h.lt[i];
    }
    return h;
  }

  /**
   * Prices every holding for seizure at health factor {@code hf} and sets the seizure order.
   *
   * @throws IllegalArgumentException when a symbol lacks market data or has another symbol's
   */
  void price(
      String positionId, Map<String, MarketSnapshot> markets, ResolvedPolicy policy, double hf) {
    for (int i = 0; i < size(); i++) {
      String symbol = holdings.get(i).symbol();
      MarketSnapshot m = markets.get(symbol);
      if (m == null) {
        throw new IllegalArgumentException(
            "no market data for " + symbol + " (position " + positionId + ")");
      }
      if (!m.symbol().equals(symbol)) {
        throw new IllegalArgumentException(
            "market data given for "
                + symbol
                + " is that of "
                + m.symbol()
                + " (position "
                + positionId
                + ")");
      }
      market[i] = m;
      AssetRiskConfig cfg = policy.forSymbol(symbol);
      AssetThresholds t = thresholds[i];
      execution[i] = cfg.execution();
      bonusRule[i] = cfg.bonus();
      bonus[i] =
          cfg.bonus()
              .schedule()
              .bonus(t.bonus(), cfg.bonus().max(), hf, cfg.bonus().maxAtHealthFactor());
      scheduled |= bonus[i] > t.bonus();
      scale[i] =
          SquareRootImpact.of(m, t.dailyVolatility(), execution[i].impactCoefficient()).scale();
      closeFactor = Math.min(closeFactor, t.closeFactor());
      targetHf = Math.max(targetHf, execution[i].targetHealthFactor());
      fullHf = Math.max(fullHf, execution[i].fullLiquidationHealthFactor());
      dust = Math.max(dust, execution[i].dustQuote());
    }
    order = Seizures.order(scale, lt, bonus, hf);
  }

  /**
   * Raises each holding's bonus to its asset's minimum incentive for a repay of {@code repayQuote}
   * whose sale is expected to cost {@code slippageQuote} ({@link
   * io.liqopt.core.policy.BonusConfig#withMinIncentive}) and sets the seizure order at health
   * factor {@code hf} again; true when any bonus was raised.
   */
  boolean raiseToMinIncentive(double repayQuote, double slippageQuote, double hf) {
    boolean raised = false;
    for (int i = 0; i < size(); i++) {
      double b = bonusRule[i].withMinIncentive(bonus[i], repayQuote, slippageQuote);
      if (b > bonus[i]) {
        bonus[i] = b;
        raised = true;
      }
    }
    if (raised) {
      order = Seizures.order(scale, lt, bonus, hf);
    }
    return raised;
  }

  /** The holdings whose seizure lowers HF ({@code LT·(1 + b) ≥ hf}), for a reason. */
  String loweringAssets(double hf) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      double c = lt[i] * (1 + bonus[i]);
      if (c >= hf) {
        out.add(String.format(Locale.ROOT, "%s %.6g", holdings.get(i).symbol(), c));
      }
    }
    return String.join(", ", out);
  }
}
