package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-asset static LTs as a venue would set them and re-set them each quarter: at every
 * walk-forward block start, for each asset, the LT of {@link StaticPolicies#frozenLt}'s rule at
 * level α_c on all the asset's bars before the block's cut-off (an expanding window, targets
 * computed on the window alone), in force for the whole block. NaN until an asset's window has
 * {@link StaticPolicies#MIN_TRAINING_TARGETS} targets. Used twice: on its own as a static family
 * ({@link #staticRun}), and as the LT ceiling of the capped adaptive family (the forecast may only
 * tighten it: {@link io.liqopt.core.policy.GovernorConfig#ltCeiling()}). Immutable.
 */
public final class AssetCeilings {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private final double level;
  private final Map<String, double[]> lt;
  private final Map<String, double[]> maxLtv;
  private final Map<String, double[]> slippage;

  private AssetCeilings(
      double level,
      Map<String, double[]> lt,
      Map<String, double[]> maxLtv,
      Map<String, double[]> slippage) {
    this.level = level;
    this.lt = lt;
    this.maxLtv = maxLtv;
    this.slippage = slippage;
  }

  /**
   * The ceilings at each of {@code levels} (α_c), on the blocks of {@code wf} from {@code startMs}
   * (the blocks of {@link WalkForwardForecasts#compute}: the same cut-offs and embargo). The
   * realised moves of each (asset, block) are computed once for every level.
   *
   * @param risk β, the horizons, Y and the typical clip of each asset (α is replaced by each level)
   */
  public static List<AssetCeilings> compute(
      List<Double> levels,
      ResolvedPolicy risk,
      Incentive incentive,
      Policies.WalkForward wf,
      List<AssetHistory> histories,
      long startMs) {
    List<Map<String, double[][]>> columns = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Map<String, double[][]> perAsset = new LinkedHashMap<>();
      for (AssetHistory h : histories) {
        double[][] c = new double[3][h.size()];
        for (double[] col : c) {
          Arrays.fill(col, Double.NaN);
        }
        perAsset.put(h.symbol(), c);
      }
      columns.add(perAsset);
    }
    for (Fold fold : folds(wf, histories, startMs)) {
      for (AssetHistory h : histories) {
        fill(h, fold, levels, risk.forSymbol(h.symbol()), incentive, columns);
      }
    }
    List<AssetCeilings> out = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Map<String, double[]> l = new LinkedHashMap<>();
      Map<String, double[]> m = new LinkedHashMap<>();
      Map<String, double[]> s = new LinkedHashMap<>();
      columns
          .get(i)
          .forEach(
              (symbol, c) -> {
                l.put(symbol, c[0]);
                m.put(symbol, c[1]);
                s.put(symbol, c[2]);
              });
      out.add(new AssetCeilings(levels.get(i), l, m, s));
    }
    return out;
  }

  /** One block of one asset, every level: its rows get the thresholds of the block's window. */
  private static void fill(
      AssetHistory h,
      Fold fold,
      List<Double> levels,
      AssetRiskConfig config,
      Incentive incentive,
      List<Map<String, double[][]>> columns) {
    int from = h.series().indexAtOrAfter(fold.testStartMs());
    int to = h.series().indexAtOrAfter(fold.testEndMs());
    BarSeries window = h.series().slice(Long.MIN_VALUE, fold.trainCutoffMs());
    if (from >= to || window.size() == 0) {
      return;
    }
    double[] liq = StaticPolicies.sortedMoves(window, config.quantiles().liquidationHorizonHours());
    double[] user = StaticPolicies.sortedMoves(window, config.quantiles().userHorizonHours());
    if (liq == null || user == null) {
      return;
    }
    double xBeta = Quantiles.ofSorted(user, config.quantiles().beta());
    for (int i = 0; i < levels.size(); i++) {
      double[] t =
          StaticPolicies.thresholds(
              h,
              window.size() - 1,
              config,
              incentive,
              Quantiles.ofSorted(liq, levels.get(i)),
              xBeta);
      if (t == null) {
        continue;
      }
      double[][] c = columns.get(i).get(h.symbol());
      // in force from the close of the bar before the block (as the forecast policies' first row)
      for (int r = Math.max(0, from - 1); r < to; r++) {
        c[0][r] = t[0];
        c[1][r] = t[1];
        c[2][r] = t[2];
      }
    }
  }

  /** The walk-forward blocks of {@link WalkForwardForecasts#compute}. */
  static List<Fold> folds(Policies.WalkForward wf, List<AssetHistory> histories, long startMs) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      first = Math.min(first, h.series().firstOpenTimeMs());
      last = Math.max(last, h.series().lastOpenTimeMs());
    }
    long start = Math.max(first + wf.minTrainDays() * DAY_MS, startMs);
    return Fold.plan(start, last, wf.refitDays() * DAY_MS, wf.embargoHours() * HOUR_MS);
  }

  /** α_c, the quantile level of the realised moves behind these LTs. */
  public double level() {
    return level;
  }

  /** The ceiling of {@code symbol} in force after the close of bar {@code row}; NaN if none. */
  public double lt(String symbol, int row) {
    double[] l = lt.get(symbol);
    return l == null ? Double.NaN : l[row];
  }

  /**
   * The ceilings alone as a static family: each asset's LT, max LTV {@code LT·(1 − X_β)} and s of
   * its block, under {@code incentive}'s bonus and close factor.
   */
  public PolicyRun staticRun(
      String name, Incentive incentive, ResolvedPolicy risk, List<AssetHistory> histories) {
    Map<String, ThresholdSchedule> schedules = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      ThresholdSchedule.Builder b = ThresholdSchedule.builder(name, h.symbol(), h.size());
      double[] l = lt.get(h.symbol());
      double[] m = maxLtv.get(h.symbol());
      double[] s = slippage.get(h.symbol());
      for (int r = 0; r < h.size(); r++) {
        if (!Double.isNaN(l[r])) {
          b.set(r, l[r], m[r], incentive.bonus(), incentive.closeFactor(), s[r], Double.NaN);
        }
      }
      schedules.put(h.symbol(), b.build());
    }
    return new PolicyRun(
        name,
        "static",
        String.format(
            Locale.ROOT,
            "one LT per asset (α %.4g) re-set at every refit from its history before the cut-off;"
                + " incentive %s",
            level,
            incentive.name()),
        incentive.liquidation(risk),
        schedules);
  }
}
