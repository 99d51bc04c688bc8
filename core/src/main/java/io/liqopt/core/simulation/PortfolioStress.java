package io.liqopt.core.simulation;

import io.liqopt.core.stats.Quantiles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The stress distribution of a cross-margin position over a horizon, from joint paths: the health
 * factor at each hour ({@code HF_h = Σ C_i P_i e^{x_i,h} LT_i / D}, the lows taken for x, all at
 * once, which is conservative), the probability of becoming liquidatable (min HF &lt; 1), and the
 * shortfall {@code max(0, D − Σ C_i P_i e^{m_i}(1 − s_i))} of a liquidation at the worst lows (m_i
 * the lowest log low of asset i) less the sale's slippage: its VaR and expected shortfall, and the
 * probability that it is positive (insolvency). The same figures on the replayed historical windows
 * give the worst historical scenario and its date.
 */
public final class PortfolioStress {
  private PortfolioStress() {}

  /**
   * One collateral holding.
   *
   * @param symbol the asset (its index in the paths is found by name)
   * @param quantity C_i
   * @param priceQuote P_i now
   * @param lt LT_i
   * @param slippage s_i of selling it, a fraction
   */
  public record Holding(
      String symbol, double quantity, double priceQuote, double lt, double slippage)
      implements java.io.Serializable {}

  /**
   * The result.
   *
   * <p>An answer (cold data): its sequences are unmodifiable lists, written to JSON as arrays.
   *
   * @param healthFactorNow HF now
   * @param minHealthFactorQuantiles the 1 %, 5 %, 50 % quantiles of the lowest HF over the horizon
   * @param liquidatableProbability P(min HF &lt; 1)
   * @param insolvencyProbability P(shortfall &gt; 0)
   * @param shortfallVar VaR of the shortfall at each level, quote currency
   * @param shortfallEs expected shortfall (mean beyond the VaR) at each level
   * @param levels the levels
   * @param paths simulated paths
   * @param worstHistoricalShortfall the largest shortfall over the historical windows
   * @param worstHistoricalMinHealthFactor the lowest HF over them
   * @param worstHistoricalStartMs the start of the window with the lowest HF
   */
  public record Result(
      double healthFactorNow,
      List<Double> minHealthFactorQuantiles,
      double liquidatableProbability,
      double insolvencyProbability,
      List<Double> shortfallVar,
      List<Double> shortfallEs,
      List<Double> levels,
      int paths,
      double worstHistoricalShortfall,
      double worstHistoricalMinHealthFactor,
      long worstHistoricalStartMs) {

    public Result {
      minHealthFactorQuantiles = List.copyOf(minHealthFactorQuantiles);
      shortfallVar = List.copyOf(shortfallVar);
      shortfallEs = List.copyOf(shortfallEs);
      levels = List.copyOf(levels);
    }
  }

  /**
   * How the joint paths of a stress are drawn.
   *
   * @param paths simulated paths
   * @param hours H, the horizon of every path and historical window
   * @param blockHours the bootstrap block length of the simulation
   * @param seed the simulation's seed
   * @param replayStrideHours hours between the starts of consecutive historical windows
   */
  public record Design(int paths, int hours, int blockHours, long seed, int replayStrideHours)
      implements java.io.Serializable {}

  /** A stress and the paths it was computed on (the report draws them). */
  public record Run(Result result, Paths simulated, Paths historical) {}

  /**
   * The one portfolio-stress pipeline, for the service's stress route and {@code simulate
   * portfolio} alike: joint filtered-historical-simulation paths of the residuals' assets, each
   * rescaled to its current hourly volatility ({@link PathEngine#simulate}), the replayed
   * historical windows of the same horizon ({@link PathEngine#replay}), and the position's stress
   * on both ({@link #of}).
   *
   * @param hourlyVolatility σ_hour of every asset of {@code residuals}, by symbol
   * @throws IllegalArgumentException when an asset of the residuals has no volatility, or on the
   *     checks of the steps
   */
  public static Run run(
      List<Holding> holdings,
      double debtQuote,
      Residuals residuals,
      Map<String, Double> hourlyVolatility,
      Design design,
      double[] levels) {
    double[] sigma = sigmas(residuals, hourlyVolatility);
    Paths simulated =
        PathEngine.simulate(
            residuals, sigma, design.paths(), design.hours(), design.blockHours(), design.seed());
    Paths historical = PathEngine.replay(residuals, design.hours(), design.replayStrideHours());
    return new Run(of(holdings, debtQuote, simulated, historical, levels), simulated, historical);
  }

  /**
   * As {@link #run}, the same result, without keeping the simulated paths: each is evaluated as it
   * is drawn ({@link PathEngine#simulateLows}), so a stress holds two numbers per path instead of
   * paths × hours per asset. {@link Run#simulated} is null. For the service, which answers with the
   * figures and never draws the paths.
   */
  public static Run runLean(
      List<Holding> holdings,
      double debtQuote,
      Residuals residuals,
      Map<String, Double> hourlyVolatility,
      Design design,
      double[] levels) {
    if (!(debtQuote > 0)) {
      throw new IllegalArgumentException("debt must be positive");
    }
    double[] sigma = sigmas(residuals, hourlyVolatility);
    int[] idx = indexes(holdings, residuals.symbols());
    int n = design.paths();
    double[] minHf = new double[n];
    double[] shortfall = new double[n];
    PathEngine.simulateLows(
        residuals,
        sigma,
        n,
        design.hours(),
        design.blockHours(),
        design.seed(),
        (p, lows) ->
            evaluatePath(holdings, idx, debtQuote, lows, design.hours(), minHf, shortfall, p));
    Paths historical = PathEngine.replay(residuals, design.hours(), design.replayStrideHours());
    return new Run(
        summarise(holdings, debtQuote, minHf, shortfall, historical, levels), null, historical);
  }

  /** Stresses the position on simulated and historical paths of the same assets and horizon. */
  public static Result of(
      List<Holding> holdings,
      double debtQuote,
      Paths simulated,
      Paths historical,
      double[] levels) {
    if (!(debtQuote > 0)) {
      throw new IllegalArgumentException("debt must be positive");
    }
    double[][] sim = evaluate(holdings, indexes(holdings, simulated), debtQuote, simulated);
    return summarise(holdings, debtQuote, sim[0], sim[1], historical, levels);
  }

  /**
   * The stress from the simulated paths' per-path lowest health factor and shortfall (sorted here,
   * in place) and the historical windows.
   */
  static Result summarise(
      List<Holding> holdings,
      double debtQuote,
      double[] minHf,
      double[] shortfall,
      Paths historical,
      double[] levels) {
    double now = 0;
    for (Holding h : holdings) {
      now += h.quantity() * h.priceQuote() * h.lt();
    }
    now /= debtQuote;
    Arrays.sort(minHf);
    Arrays.sort(shortfall);
    int n = minHf.length;
    double liquidatable = (double) ThresholdCalibrator.countBelow(minHf, 1) / n;
    double insolvent =
        (double) (n - ThresholdCalibrator.countBelow(shortfall, Double.MIN_VALUE)) / n;
    double[] var = new double[levels.length];
    double[] es = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      var[i] = Quantiles.ofSorted(shortfall, levels[i]);
      es[i] = expectedShortfall(shortfall, levels[i], var[i]);
    }
    double[] q = {
      Quantiles.ofSorted(minHf, 0.01),
      Quantiles.ofSorted(minHf, 0.05),
      Quantiles.ofSorted(minHf, 0.5)
    };
    double worstShortfall = 0;
    double worstHf = Double.POSITIVE_INFINITY;
    long worstStart = 0;
    if (historical != null && historical.paths() > 0) {
      double[][] hist = evaluate(holdings, indexes(holdings, historical), debtQuote, historical);
      for (int p = 0; p < hist[0].length; p++) {
        worstShortfall = Math.max(worstShortfall, hist[1][p]);
        if (hist[0][p] < worstHf) {
          worstHf = hist[0][p];
          worstStart = historical.startTimeMs(p);
        }
      }
    }
    return new Result(
        now,
        boxed(q),
        liquidatable,
        insolvent,
        boxed(var),
        boxed(es),
        boxed(levels),
        n,
        worstShortfall,
        worstHf,
        worstStart);
  }

  /** Per path: {lowest HF over the horizon, shortfall at the worst lows}. */
  private static double[][] evaluate(List<Holding> holdings, int[] idx, double debt, Paths paths) {
    int n = paths.paths();
    int hours = paths.hours();
    double[] minHf = new double[n];
    double[] shortfall = new double[n];
    double[][] lows = new double[paths.symbols().size()][hours];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < idx.length; i++) {
        for (int h = 0; h < hours; h++) {
          lows[idx[i]][h] = paths.logLow(idx[i], p, h);
        }
      }
      evaluatePath(holdings, idx, debt, lows, hours, minHf, shortfall, p);
    }
    return new double[][] {minHf, shortfall};
  }

  /**
   * One path, its log lows by asset and hour in {@code lows}: the lowest health factor over the
   * horizon, min over h of Σ q·P·LT·e^{logLow(h)} / debt, into {@code minHf[p]}, and the shortfall
   * when every asset is sold at its lowest low, max(0, debt − Σ q·P·e^{min(0, min logLow)}·(1 −
   * slippage)), into {@code shortfall[p]}.
   */
  static void evaluatePath(
      List<Holding> holdings,
      int[] idx,
      double debt,
      double[][] lows,
      int hours,
      double[] minHf,
      double[] shortfall,
      int p) {
    double worst = Double.POSITIVE_INFINITY;
    for (int h = 0; h < hours; h++) {
      double w = 0;
      for (int i = 0; i < holdings.size(); i++) {
        Holding x = holdings.get(i);
        w += x.quantity() * x.priceQuote() * x.lt() * Math.exp(lows[idx[i]][h]);
      }
      worst = Math.min(worst, w / debt);
    }
    double value = 0;
    for (int i = 0; i < holdings.size(); i++) {
      Holding x = holdings.get(i);
      double min = 0; // the lowest low, never above the current price (as Paths.minLogLow)
      double[] low = lows[idx[i]];
      for (int h = 0; h < hours; h++) {
        min = Math.min(min, low[h]);
      }
      value += x.quantity() * x.priceQuote() * Math.exp(min) * (1 - x.slippage());
    }
    minHf[p] = worst;
    shortfall[p] = Math.max(0, debt - value);
  }

  static double[] sigmas(Residuals residuals, Map<String, Double> hourlyVolatility) {
    double[] sigma = new double[residuals.symbols().size()];
    for (int a = 0; a < sigma.length; a++) {
      Double s = hourlyVolatility.get(residuals.symbols().get(a));
      if (s == null) {
        throw new IllegalArgumentException(
            "no hourly volatility for " + residuals.symbols().get(a));
      }
      sigma[a] = s;
    }
    return sigma;
  }

  private static int[] indexes(List<Holding> holdings, Paths paths) {
    return indexes(holdings, paths.symbols());
  }

  static int[] indexes(List<Holding> holdings, List<String> symbols) {
    int[] idx = new int[holdings.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = symbols.indexOf(holdings.get(i).symbol());
      if (idx[i] < 0) {
        throw new IllegalArgumentException("no paths of " + holdings.get(i).symbol());
      }
    }
    return idx;
  }

  /** The values of {@code x} as a list, in order (every double is boxed exactly). */
  private static List<Double> boxed(double[] x) {
    return Arrays.stream(x).boxed().toList();
  }

  /**
   * ES_p = VaR_p + E[max(0, L − VaR_p)] / (1 − p) (Rockafellar and Uryasev 2002, J. Banking &amp;
   * Finance 26(7)), on the sample: consistent with any VaR convention and never below it. At p = 1
   * the largest loss.
   */
  static double expectedShortfall(double[] sorted, double p, double var) {
    if (p >= 1) {
      return sorted[sorted.length - 1];
    }
    double excess = 0;
    for (int j = sorted.length - 1; j >= 0 && sorted[j] > var; j--) {
      excess += sorted[j] - var;
    }
    return var + excess / ((1 - p) * sorted.length);
  }
}
