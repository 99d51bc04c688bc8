package io.liqopt.core.simulation;

import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code simulate portfolio}: a cross-margin position stressed by {@link PortfolioStress} as of a
 * cut-off, each holding priced, thresholded and rescaled from its prepared forecast ({@link
 * SimulationInputs}) unless the position file fixes its price or LT.
 */
public final class PortfolioSimulation {
  private PortfolioSimulation() {}

  /** A holding as the position file gives it (null: from the forecast as of the date). */
  public record Entry(String symbol, double quantity, Double priceQuote, Double lt) {}

  /** The position as the file gives it ({@link PositionFile}). */
  public record Position(double debtQuote, List<Entry> collateral) {
    public Position {
      collateral = List.copyOf(collateral);
    }

    /** The collateral's symbols, in the file's order. */
    public List<String> symbols() {
      return collateral.stream().map(Entry::symbol).toList();
    }
  }

  /** A holding as stressed (as metrics.json gives it). */
  public record HoldingRow(
      String symbol,
      double quantity,
      double priceQuote,
      double valueQuote,
      double lt,
      double slippage,
      double sigma24h,
      String asOfClose) {}

  /**
   * How the stress runs.
   *
   * @param paths simulated paths
   * @param hours the horizon
   * @param blockHours the bootstrap block length
   * @param seed the path draws' seed
   * @param levels the VaR / ES levels of the shortfall
   */
  public record Design(int paths, int hours, int blockHours, long seed, List<Double> levels) {
    public Design {
      levels = List.copyOf(levels);
    }

    /** The levels as an array (a copy). */
    public double[] levelsArray() {
      return levels.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /**
   * A stress and what it was computed from.
   *
   * @param holdings the holdings as stressed, in the file's order
   * @param stressed the same as {@link PortfolioStress} takes them
   * @param residuals the joint residuals before the cut-off
   * @param run the result and its simulated and historical paths
   * @param simulationSeconds how long the paths and the stress took
   */
  public record Outcome(
      List<HoldingRow> holdings,
      List<PortfolioStress.Holding> stressed,
      Residuals residuals,
      PortfolioStress.Run run,
      double simulationSeconds) {
    public Outcome {
      holdings = List.copyOf(holdings);
      stressed = List.copyOf(stressed);
    }
  }

  /**
   * The stored series of the position's holdings, in the file's order.
   *
   * @throws java.util.NoSuchElementException when one is not among {@code series}
   */
  public static List<BarSeries> held(Position position, List<BarSeries> series) {
    List<BarSeries> held = new ArrayList<>();
    for (Entry e : position.collateral()) {
      held.add(
          series.stream().filter(s -> s.symbol().equals(e.symbol())).findFirst().orElseThrow());
    }
    return held;
  }

  /**
   * Stresses {@code position} over the paths of {@code held} (its holdings' series, {@link #held})
   * as of {@code prep}'s cut-off.
   *
   * @param prep every holding prepared, in the file's order ({@link
   *     SimulationInputs.Prepared#requireAll})
   */
  public static Outcome stress(
      Position position, List<BarSeries> held, SimulationInputs.Prepared prep, Design d) {
    return stress(position, held, prep, d, null);
  }

  /**
   * As above, the simulated paths evaluated in blocks of one chunk by {@code blocks} ({@link
   * PortfolioBlocks}; the same result, only a sample of the paths kept for charts), or all in this
   * JVM, kept, when it is null.
   */
  public static Outcome stress(
      Position position,
      List<BarSeries> held,
      SimulationInputs.Prepared prep,
      Design d,
      PortfolioBlocks.BlockEvaluator blocks) {
    Residuals res = Residuals.of(held).before(prep.cutoffMs());
    Map<String, Double> vol = new LinkedHashMap<>();
    List<PortfolioStress.Holding> holdings = new ArrayList<>();
    List<HoldingRow> rows = new ArrayList<>();
    for (int i = 0; i < held.size(); i++) {
      SimulationInputs.Asset a = prep.assets().get(i);
      Entry e = position.collateral().get(i);
      vol.put(a.symbol(), a.hourlyVolatility());
      double price = e.priceQuote() != null ? e.priceQuote() : a.market().priceQuote();
      double value = e.quantity() * price;
      double slip = Math.min(0.99, a.impact().impactFraction(value));
      double lt = e.lt() != null ? e.lt() : a.thresholds().lt();
      holdings.add(new PortfolioStress.Holding(a.symbol(), e.quantity(), price, lt, slip));
      rows.add(
          new HoldingRow(
              a.symbol(),
              e.quantity(),
              price,
              value,
              lt,
              slip,
              a.sigmaDay(),
              SimulationInputs.time(a.closeMs())));
    }
    long t0 = System.nanoTime();
    PortfolioStress.Design design =
        new PortfolioStress.Design(d.paths(), d.hours(), d.blockHours(), d.seed(), 1);
    PortfolioStress.Run run =
        blocks == null
            ? PortfolioStress.run(holdings, position.debtQuote(), res, vol, design, d.levelsArray())
            : PortfolioBlocks.run(
                holdings, position.debtQuote(), res, vol, design, d.levelsArray(), 1, blocks);
    double simSeconds = (System.nanoTime() - t0) / 1e9;
    return new Outcome(rows, holdings, res, run, simSeconds);
  }
}
