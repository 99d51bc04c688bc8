package io.liqopt.report.simulation;

import io.liqopt.core.simulation.LtCalibration;
import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.PriceFan;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.core.stats.Quantiles;
import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.LinePattern;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.Rgba;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The charts of {@code simulate lt} (P(insolvency) against LT, the price-path fan) and {@code
 * simulate portfolio} (the health-factor fan), as {@link ChartSpec}s.
 */
final class SimulationCharts {
  private static final Rgba FAN_PATH_GREY = new Rgba(150, 150, 150, 110);
  private static final Rgba[] FAN_COLOURS = {
    Rgba.of(31, 119, 180),
    Rgba.of(44, 160, 44),
    Rgba.BLACK,
    Rgba.of(44, 160, 44),
    Rgba.of(31, 119, 180)
  };

  private SimulationCharts() {}

  /** P(insolvency) against LT on the largest path set, and LT* at each ε. */
  static ChartSpec insolvency(LtCalibration.AssetRun run) {
    LtCalibration.AssetResult r = run.result();
    ChartSpec.Builder c =
        chart(
                r.symbol() + ": P(insolvency) against LT, " + r.asOfClose() + " UTC",
                "liquidation threshold LT",
                "P(insolvency) (log)")
            .logY();
    int n = 0;
    double[] lt = new double[100];
    double[] pr = new double[lt.length];
    for (int i = 0; i < lt.length; i++) {
      lt[i] = 0.50 + 0.005 * i;
      double p = run.insolvencyProbability(lt[i]);
      pr[i] = p > 0 ? p : Double.NaN;
      n += p > 0 ? 1 : 0;
    }
    if (n == 0) {
      pr[lt.length - 1] = 1.0 / run.largestPaths(); // keep the log axis drawable
    }
    c.add(
        ChartSeries.of(
            "P(insolvency), " + run.largestPaths() + " paths", lt, pr, Style.LINE_WITH_MARKERS));
    for (LtCalibration.Row w : r.rows()) {
      c.add(
          ChartSeries.of(
                  String.format(Locale.ROOT, "eps %.4g: LT* %.3f", w.epsilon(), w.lt()),
                  new double[] {lt[0], lt[lt.length - 1]},
                  new double[] {w.epsilon(), w.epsilon()},
                  Style.LINE)
              .withLinePattern(LinePattern.DASHED));
    }
    return c.build();
  }

  /** Sample paths and the 5–95 % quantiles of the price, hour by hour, from {@code price}. */
  static ChartSpec priceFan(LtCalibration.AssetResult r, PriceFan fan, double price) {
    ChartSpec.Builder c =
        chart(
            r.symbol()
                + ": price over "
                + fan.hours()
                + " h from "
                + r.asOfClose()
                + " UTC ("
                + fan.paths()
                + " paths)",
            "hours ahead",
            "price");
    int h = fan.hours();
    double[] x = new double[h + 1];
    for (int i = 0; i <= h; i++) {
      x[i] = i;
    }
    for (int p = 0; p < fan.samples().length; p++) {
      c.add(
          ChartSeries.of("path " + (p + 1), x, prices(price, fan.samples()[p]), Style.LINE)
              .withColour(FAN_PATH_GREY)
              .withLinePattern(LinePattern.SOLID)
              .hiddenFromLegend());
    }
    for (int j = 0; j < fan.levels().length; j++) {
      c.add(
          ChartSeries.of(
                  String.format(Locale.ROOT, "%.0f %%", 100 * fan.levels()[j]),
                  x,
                  prices(price, fan.quantiles()[j]),
                  Style.LINE)
              .withLinePattern(LinePattern.SOLID)
              .withColour(FAN_COLOURS[j]));
    }
    return c.build();
  }

  /** {@code price}, then {@code price·e^l} for each log close {@code l}. */
  private static double[] prices(double price, double[] logCloses) {
    double[] y = new double[logCloses.length + 1];
    y[0] = price;
    for (int t = 0; t < logCloses.length; t++) {
      y[t + 1] = price * Math.exp(logCloses[t]);
    }
    return y;
  }

  /** Quantiles of the HF at the lows, hour by hour, and the worst historical window's HF. */
  static ChartSpec healthFactorFan(
      List<PortfolioStress.Holding> holdings,
      double debt,
      Paths sim,
      Paths hist,
      PortfolioStress.Result r,
      int hours) {
    ChartSpec.Builder c =
        chart(
            "Health factor at the hourly lows over "
                + hours
                + " h ("
                + sim.paths()
                + " joint paths)",
            "hours ahead",
            "health factor");
    int h = sim.hours();
    double[] x = new double[h + 1];
    for (int i = 0; i <= h; i++) {
      x[i] = i;
    }
    double[] qs = {0.01, 0.05, 0.5, 0.95};
    double[][] fan = new double[qs.length][h + 1];
    double[] col = new double[sim.paths()];
    for (int t = 0; t < h; t++) {
      for (int p = 0; p < col.length; p++) {
        col[p] = hf(holdings, debt, sim, p, t);
      }
      Arrays.sort(col);
      for (int j = 0; j < qs.length; j++) {
        fan[j][t + 1] = Quantiles.ofSorted(col, qs[j]);
      }
    }
    for (int j = 0; j < qs.length; j++) {
      fan[j][0] = r.healthFactorNow();
      c.add(
          ChartSeries.of(String.format(Locale.ROOT, "%.0f %%", 100 * qs[j]), x, fan[j], Style.LINE)
              .withLinePattern(LinePattern.SOLID));
    }
    int worst = -1;
    for (int p = 0; p < hist.paths(); p++) {
      if (hist.startTimeMs(p) == r.worstHistoricalStartMs()) {
        worst = p;
        break;
      }
    }
    if (worst >= 0) {
      double[] y = new double[h + 1];
      y[0] = r.healthFactorNow();
      for (int t = 0; t < h; t++) {
        y[t + 1] = hf(holdings, debt, hist, worst, t);
      }
      c.add(
          ChartSeries.of(
                  "worst historical, from " + SimulationInputs.time(r.worstHistoricalStartMs()),
                  x,
                  y,
                  Style.LINE)
              .withLinePattern(LinePattern.DASHED));
    }
    c.add(
        ChartSeries.of("HF = 1", new double[] {0, h}, new double[] {1, 1}, Style.LINE)
            .withColour(Rgba.RED));
    return c.build();
  }

  private static double hf(
      List<PortfolioStress.Holding> holdings, double debt, Paths paths, int p, int t) {
    double w = 0;
    for (PortfolioStress.Holding x : holdings) {
      int a = paths.symbols().indexOf(x.symbol());
      w += x.quantity() * x.priceQuote() * x.lt() * Math.exp(paths.logLow(a, p, t));
    }
    return w / debt;
  }

  /** A numeric chart wide enough for the titles and legends used here. */
  private static ChartSpec.Builder chart(String title, String xTitle, String yTitle) {
    return ChartSpec.numeric(title).size(900, 480).xAxisTitle(xTitle).yAxisTitle(yTitle);
  }
}
