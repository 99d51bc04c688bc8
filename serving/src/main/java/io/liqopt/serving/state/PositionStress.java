package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.Residuals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stress of one cross-margin position on a snapshot of the service: each holding's LT from its
 * governed thresholds, its slippage from the square-root impact of selling the whole holding
 * (capped at 100 %), its hourly volatility from its forecast, then {@link PortfolioStress#run} on
 * the joint residuals of the held history. The residuals of a set of assets are computed once per
 * snapshot version and kept in a small LRU.
 *
 * <p>Thread-safe; how many stresses run at once is the caller's to bound (the service admits them
 * through its stress gate, sized from the heap).
 */
public final class PositionStress {
  /** The bootstrap block: a day, which keeps a day's volatility clustering. */
  public static final int BLOCK_HOURS = 24;

  /** The historical windows start every this many hours. */
  public static final int REPLAY_STRIDE_HOURS = 24;

  /** The levels of the min-HF quantiles {@link PortfolioStress} reports. */
  public static final List<Double> MIN_HEALTH_FACTOR_LEVELS = List.of(0.01, 0.05, 0.5);

  private static final int CACHE_SIZE = 8;

  /** Residuals by (snapshot version, sorted symbols), least recently used first. */
  private final Map<String, Residuals> residuals =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Residuals> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** Why a position cannot be stressed on this snapshot. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: the service lacks inputs, or the position itself is unusable. */
    public enum Kind {
      /** No forecast, thresholds or history for an asset (a 503: it may come). */
      UNAVAILABLE,
      /** The position cannot be stressed as it is (a 422). */
      UNPROCESSABLE
    }

    private final Kind kind;

    Refused(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  /**
   * One holding as stressed.
   *
   * @param valueQuote quantity × price
   * @param lt its governed LT
   * @param slippage the fraction lost selling it whole
   * @param hourlyVolatility σ_hour its paths are rescaled to
   */
  public record Holding(
      String symbol,
      double quantity,
      double priceQuote,
      double valueQuote,
      double lt,
      double slippage,
      double hourlyVolatility) {}

  /** The stress, the holdings it used, and how many hours of residuals it drew from. */
  public record Outcome(PortfolioStress.Run run, List<Holding> holdings, int residualHours) {}

  /** A position's holdings as they will be stressed, checked; no paths drawn yet. */
  record Prepared(
      List<PortfolioStress.Holding> holdings,
      List<Holding> used,
      Map<String, Double> hourlyVolatility,
      double debtQuote) {}

  /**
   * Stresses {@code position} on snapshot {@code s} over {@code hours}: its holdings are checked
   * first ({@link #prepare}, cheap), then the paths are drawn and evaluated ({@link #run}). The
   * caller admits the request (the service's stress gate bounds how many run at once).
   *
   * @param levels the VaR/ES levels
   * @param deadline checked after the inputs are gathered, before the paths are drawn
   * @throws Refused when an asset lacks inputs or the position cannot be stressed
   * @throws Deadline.Passed past the deadline
   */
  public Outcome stress(
      ServingState s,
      ResolvedPolicy policy,
      Position position,
      int hours,
      int paths,
      long seed,
      List<Double> levels,
      Deadline deadline) {
    Prepared p = prepare(s, policy, position);
    deadline.check();
    return run(
        s,
        p,
        new PortfolioStress.Design(paths, hours, BLOCK_HOURS, seed, REPLAY_STRIDE_HOURS),
        levels,
        deadline);
  }

  /**
   * The holdings of {@code position} on snapshot {@code s} (cheap: call it before taking a
   * computation slot, so that a refusal never waits for one).
   *
   * @throws Refused when an asset lacks inputs or the position's health factor is not finite
   */
  Prepared prepare(ServingState s, ResolvedPolicy policy, Position position) {
    List<String> unavailable = new ArrayList<>();
    List<PortfolioStress.Holding> holdings = new ArrayList<>();
    List<Holding> used = new ArrayList<>();
    Map<String, Double> hourlyVol = new LinkedHashMap<>();
    for (CollateralHolding h : position.collateral()) {
      AssetView v = s.assets().get(h.symbol());
      AssetThresholds t = v.governed();
      AssetForecast f = v.forecast();
      if (t == null || f == null || v.market() == null) {
        unavailable.add(
            h.symbol() + " (" + (v.unavailable() != null ? v.unavailable() : "no forecast") + ")");
        continue;
      }
      double sigma = f.hourlyVolatility();
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        unavailable.add(h.symbol() + " (its forecast volatility is not positive)");
        continue;
      }
      double value = h.valueQuote();
      double slippage =
          Math.min(
              1,
              SquareRootImpact.of(
                      v.market(),
                      t.dailyVolatility(),
                      policy.forSymbol(h.symbol()).execution().impactCoefficient())
                  .impactFraction(value));
      holdings.add(
          new PortfolioStress.Holding(h.symbol(), h.quantity(), h.priceQuote(), t.lt(), slippage));
      used.add(
          new Holding(h.symbol(), h.quantity(), h.priceQuote(), value, t.lt(), slippage, sigma));
      hourlyVol.put(h.symbol(), sigma);
    }
    if (!unavailable.isEmpty()) {
      throw new Refused(
          Refused.Kind.UNAVAILABLE,
          "no forecast or thresholds, so no stress, for " + String.join(", ", unavailable));
    }
    double weighted = 0;
    for (PortfolioStress.Holding h : holdings) {
      weighted += h.quantity() * h.priceQuote() * h.lt();
    }
    if (!Double.isFinite(weighted / position.debtQuote())) {
      throw new Refused(
          Refused.Kind.UNPROCESSABLE,
          "the position's health factor overflows "
              + "(collateral value over debt is not a finite number)");
    }
    return new Prepared(
        List.copyOf(holdings), List.copyOf(used), Map.copyOf(hourlyVol), position.debtQuote());
  }

  /**
   * Stresses a prepared position on snapshot {@code s}: the residuals of its assets (cached), then
   * {@link PortfolioStress#run}.
   *
   * @throws Refused when the held histories have no common residuals
   */
  Outcome run(
      ServingState s,
      Prepared p,
      PortfolioStress.Design design,
      List<Double> levels,
      Deadline deadline) {
    Residuals res = residuals(s, p.hourlyVolatility().keySet());
    deadline.check();
    double[] levelArray = new double[levels.size()];
    for (int i = 0; i < levelArray.length; i++) {
      levelArray[i] = levels.get(i);
    }
    return new Outcome(
        PortfolioStress.runLean(
            p.holdings(), p.debtQuote(), res, p.hourlyVolatility(), design, levelArray),
        p.used(),
        res.size());
  }

  /** The joint residuals of {@code symbols}' held series in snapshot {@code s}, cached. */
  private Residuals residuals(ServingState s, Set<String> symbols) {
    TreeSet<String> sorted = new TreeSet<>(symbols);
    String key = s.version() + ":" + String.join(",", sorted);
    synchronized (residuals) {
      Residuals hit = residuals.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<BarSeries> series = new ArrayList<>();
    for (String sym : sorted) {
      series.add(s.assets().get(sym).history().series());
    }
    Residuals computed;
    try {
      computed = Residuals.of(series);
    } catch (IllegalArgumentException e) {
      throw new Refused(
          Refused.Kind.UNAVAILABLE,
          "cannot stress " + String.join(", ", sorted) + ": " + e.getMessage());
    }
    synchronized (residuals) {
      residuals.put(key, computed);
    }
    return computed;
  }
}
