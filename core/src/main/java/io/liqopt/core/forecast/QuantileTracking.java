package io.liqopt.core.forecast;

import io.liqopt.core.Checks;
import io.liqopt.core.forecast.QuantileTrackingState.Issued;
import io.liqopt.core.forecast.QuantileTrackingState.Offsets;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.target.TargetCalculator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quantile tracking: adaptive conformal inference (I. Gibbs and E. Candès (2021), "Adaptive
 * conformal inference under distribution shift", NeurIPS 34) applied to a model's adverse-move
 * quantiles, in log-loss scale and with the feedback delayed by the horizon. The one place its
 * formulas are written.
 *
 * <p>With x = −ln(1 − q) the quantile q of the adverse move as a log loss, the tracked quantile of
 * a forecast issued when the offset is s is
 *
 * <pre>
 *   x' = x · e^s,   q' = 1 − e^(−x'),
 * </pre>
 *
 * and each time the window of an earlier forecast at level τ closes (H hours after it was issued),
 * its hit moves the offset:
 *
 * <pre>
 *   s ← s + γ · (1{MAE &gt; q'} − (1 − τ)),
 * </pre>
 *
 * q' the tracked quantile that forecast was issued with. A hit widens every later quantile by about
 * γ·τ, a window without one narrows them by γ·(1 − τ), so the long-run hit rate is driven to 1 − τ
 * whatever the model's own bias, and a cluster of hits widens the quantiles while it lasts. Nothing
 * looks ahead: a forecast issued at t is moved only by windows closed by t. The paper's γ = 0.005
 * is {@link #DEFAULT_GAMMA}; γ = 0 leaves every quantile as the model made it.
 *
 * <p>Two drivers share these formulas: {@link #trackSeries} tracks a whole series of one level (the
 * evaluation's out-of-sample rows), {@link #next} one forecast at a time with its state ({@link
 * QuantileTrackingState}: the service, which persists the state, and the backtest). {@link #next}
 * tracks every level of the long adverse-move curve of every horizon, each level's offset moved by
 * its own tracked quantile's hits exactly as {@link #trackSeries} moves it, and serves the curve
 * after the monotone rearrangement ({@link QuantileCurve#rearranged}), which changes it only where
 * two levels' tracked quantiles cross. The short adverse move is left as the model made it.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuantileTracking {
  /** The step of Gibbs and Candès's experiments. */
  public static final double DEFAULT_GAMMA = 0.005;

  /** The largest step accepted: beyond it one hit moves a quantile by more than a tenth. */
  public static final double MAX_GAMMA = 0.1;

  /**
   * The largest offset either way: e^10 scales a quantile's log loss 22 026-fold, past any use, and
   * the bound keeps e^s finite whatever the feedback (at γ = 0.005 it takes 2 000 hits in a row to
   * reach).
   */
  public static final double MAX_OFFSET = 10;

  /** The largest tracked quantile: a long position cannot lose all of its value. */
  static final double MAX_QUANTILE = 1 - 1e-9;

  private static final long HOUR_MS = 3_600_000L;

  private final double gamma;

  /**
   * @param gamma the step γ, in [0, {@link #MAX_GAMMA}]; 0: no tracking
   */
  public QuantileTracking(double gamma) {
    this.gamma = Checks.inRange(gamma, 0, MAX_GAMMA, "quantile-tracking gamma");
  }

  /** The step γ. */
  public double gamma() {
    return gamma;
  }

  /** Whether this moves anything (γ &gt; 0). */
  public boolean enabled() {
    return gamma > 0;
  }

  /**
   * The tracked quantile q' = 1 − exp(ln(1 − q) · e^s), at most {@link #MAX_QUANTILE}; NaN stays
   * NaN.
   *
   * @param quantile the model's quantile q of the adverse move, a fraction in [0, 1)
   * @param offset the offset s
   */
  public static double tracked(double quantile, double offset) {
    return Math.min(MAX_QUANTILE, -Math.expm1(Math.log1p(-quantile) * scale(offset)));
  }

  /**
   * e^s: the factor offset s puts on the model's −ln(1 − q) ({@link #tracked}); 1 leaves the
   * quantile as the model made it, above 1 widens it.
   */
  public static double scale(double offset) {
    return Math.exp(offset);
  }

  /**
   * The offset after one closed window: s + γ · (1{MAE &gt; q'} − (1 − τ)), kept within ±{@link
   * #MAX_OFFSET}; unchanged when the window's outcome or its forecast is undefined (NaN).
   *
   * @param offset the offset s before
   * @param issued the tracked quantile q' the forecast was issued with
   * @param realised the adverse move MAE over the forecast's window
   * @param level the quantile's level τ
   */
  public double update(double offset, double issued, double realised, double level) {
    if (Double.isNaN(issued) || Double.isNaN(realised)) {
      return offset;
    }
    double s = offset + gamma * ((realised > issued ? 1 : 0) - (1 - level));
    return Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, s));
  }

  /**
   * Tracks one asset's series of forecasts at one level, in issue order, the offset starting at 0:
   * entry i of the result is the tracked quantile of forecast i, issued at {@code issuedMs[i]} with
   * the offset moved by every forecast j whose window closed by then ({@code issuedMs[j] +
   * horizonMs ≤ issuedMs[i]}). A NaN quantile stays NaN and moves nothing; a NaN outcome moves
   * nothing.
   *
   * @param issuedMs when each forecast was issued, non-decreasing
   * @param quantiles the model's quantiles q, one per forecast
   * @param realised the adverse move over each forecast's window (NaN where undefined)
   * @param level the level τ of the quantiles
   * @param horizonMs the windows' length
   * @return the tracked quantiles (a new array)
   * @throws IllegalArgumentException if the lengths differ or the times decrease
   */
  public double[] trackSeries(
      long[] issuedMs, double[] quantiles, double[] realised, double level, long horizonMs) {
    int n = issuedMs.length;
    if (quantiles.length != n || realised.length != n) {
      throw new IllegalArgumentException(
          "quantile tracking needs one quantile and one outcome per forecast: "
              + n
              + " times, "
              + quantiles.length
              + " quantiles, "
              + realised.length
              + " outcomes");
    }
    double[] out = Arrays.copyOf(quantiles, n);
    if (!enabled()) {
      return out;
    }
    double offset = 0;
    int closed = 0; // forecasts before this one have had their windows applied
    for (int i = 0; i < n; i++) {
      if (i > 0 && issuedMs[i] < issuedMs[i - 1]) {
        throw new IllegalArgumentException("forecasts must be in issue order, at " + i);
      }
      while (closed < i && issuedMs[closed] + horizonMs <= issuedMs[i]) {
        offset = update(offset, out[closed], realised[closed], level);
        closed++;
      }
      out[i] = tracked(quantiles[i], offset);
    }
    return out;
  }

  /** The adverse moves realised over the windows of earlier forecasts. */
  @FunctionalInterface
  public interface Outcomes {
    /**
     * MAE_H of a long position held from the close of the bar that opened at {@code asOfEpochMs}
     * over the next {@code horizonHours} hours ({@link io.liqopt.core.target.HorizonTargets}); NaN
     * when it cannot be known (bars missing, or a gap in the window).
     */
    double longAdverseMove(long asOfEpochMs, int horizonHours);
  }

  /**
   * The outcomes of one asset's bars: MAE_H from the close of the bar that opened at the forecast's
   * as-of time, by {@link TargetCalculator} (so exactly the evaluation's target); NaN when the bars
   * do not hold that bar or the whole window after it.
   */
  public static Outcomes outcomesOf(BarSeries series) {
    return (asOf, h) -> {
      BarSeries w = series.slice(asOf, asOf + h * HOUR_MS + 1);
      if (w.isEmpty() || w.openTimeMs(0) != asOf) {
        return Double.NaN;
      }
      return TargetCalculator.DEFAULT.compute(w, h).longAdverseMove(0);
    };
  }

  /**
   * One tracked forecast and the state after it.
   *
   * @param forecast the forecast with its long adverse-move quantiles tracked
   * @param state the state to pass to the next call (null only when given null and disabled)
   */
  public record Step(AssetForecast forecast, QuantileTrackingState state) {}

  /**
   * Tracks one forecast: the windows of the earlier forecasts that closed by this one's {@link
   * AssetForecast#asOfEpochMs()} move the offsets, in issue order; then every horizon's long
   * adverse-move quantiles are moved by their offsets and the forecast joins the pending ones. A
   * forecast of the same bar as the last one tracked (the service recomputes between bars) replaces
   * it among the pending ones and moves nothing. An older one (a forecast of a bar before the last
   * one tracked) is returned as the model made it and leaves the state as it was: the current
   * offsets hold windows that closed after it. A horizon or levels not seen before start at offset
   * 0; pending forecasts whose levels the offsets no longer have are dropped when they close.
   *
   * @param before the state after the previous forecast of this asset, or null for none
   * @param outcomes where the realised adverse moves of closed windows come from
   */
  public Step next(QuantileTrackingState before, AssetForecast forecast, Outcomes outcomes) {
    if (!enabled()) {
      return new Step(forecast, before);
    }
    long now = forecast.asOfEpochMs();
    if (before != null && now < before.lastAsOfEpochMs()) {
      return new Step(forecast, before);
    }
    List<Offsets> offsets = new ArrayList<>(before == null ? List.of() : before.offsets());
    List<Issued> pending = new ArrayList<>();
    for (Issued p : before == null ? List.<Issued>of() : before.pending()) {
      if (p.asOfEpochMs() == now) {
        continue; // this bar's forecast again: replaced below
      }
      if (p.asOfEpochMs() + p.horizonHours() * HOUR_MS <= now) {
        close(offsets, p, outcomes.longAdverseMove(p.asOfEpochMs(), p.horizonHours()));
      } else {
        pending.add(p);
      }
    }
    AssetForecast tracked = apply(forecast, offsets, pending);
    return new Step(tracked, new QuantileTrackingState(now, offsets, pending));
  }

  private void close(List<Offsets> offsets, Issued p, double realised) {
    for (int i = 0; i < offsets.size(); i++) {
      Offsets o = offsets.get(i);
      if (o.horizonHours() == p.horizonHours() && o.hasLevels(p.levels())) {
        double[] v = o.values().clone();
        for (int k = 0; k < v.length; k++) {
          v[k] = update(v[k], p.tracked()[k], realised, p.levels()[k]);
        }
        offsets.set(i, new Offsets(o.horizonHours(), o.levels(), v));
        return;
      }
    }
  }

  /** {@code f} with its long quantiles tracked; each horizon's issue is added to {@code issued}. */
  private static AssetForecast apply(AssetForecast f, List<Offsets> offsets, List<Issued> issued) {
    List<HorizonForecast> horizons = new ArrayList<>(f.horizons().size());
    for (HorizonForecast h : f.horizons()) {
      QuantileCurve q = h.longAdverseMove();
      double[] levels = q.levels();
      int at = 0;
      while (at < offsets.size() && offsets.get(at).horizonHours() != h.horizonHours()) {
        at++;
      }
      if (at == offsets.size() || !offsets.get(at).hasLevels(levels)) {
        // a horizon or levels not seen before start at offset 0
        Offsets fresh = new Offsets(h.horizonHours(), levels, new double[levels.length]);
        if (at == offsets.size()) {
          offsets.add(fresh);
        } else {
          offsets.set(at, fresh);
        }
      }
      double[] s = offsets.get(at).values();
      double[] v = new double[levels.length];
      for (int k = 0; k < v.length; k++) {
        v[k] = tracked(q.value(k), s[k]);
      }
      // each level is judged by its own tracked quantile, as the series driver judges it; the
      // curve served is their rearrangement, which differs only where two levels cross
      issued.add(new Issued(f.asOfEpochMs(), h.horizonHours(), levels, v));
      QuantileCurve served = QuantileCurve.rearranged(levels, v);
      horizons.add(
          new HorizonForecast(h.horizonHours(), h.variance(), served, h.shortAdverseMove()));
    }
    return new AssetForecast(
        f.symbol(),
        f.asOfEpochMs(),
        f.modelVersion(),
        horizons,
        f.stressLevel(),
        f.stressHorizonHours(),
        f.stressProbability());
  }
}
