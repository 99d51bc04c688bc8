package io.liqopt.store.synthetic;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Generates the synthetic market described in {@link SyntheticMarketConfig}. Deterministic: the
 * same configuration (seed included) gives bit-identical series. Stateless and thread-safe.
 */
public final class SyntheticMarketGenerator {
  /**
   * Intraday profile of |hourly return| by UTC hour, measured on BTCUSDT 2021–2026 (shared/data).
   */
  static final double[] ABS_RETURN_BY_HOUR = {
    1.12, 1.06, 0.93, 0.86, 0.75, 0.78, 0.83, 0.87, 0.93, 0.86, 0.81, 0.85, 1.00, 1.21, 1.44, 1.32,
    1.13, 1.12, 1.07, 1.07, 1.08, 1.00, 0.98, 0.93
  };

  /** Intraday profile of log volume by UTC hour (deviation from the mean), same source. */
  static final double[] LOG_VOLUME_BY_HOUR = {
    0.03, -0.06, -0.13, -0.22, -0.25, -0.25, -0.18, -0.04, -0.01, -0.05, -0.08, -0.06, 0.12, 0.34,
    0.52, 0.45, 0.34, 0.16, 0.06, 0.03, -0.04, -0.25, -0.22, -0.22
  };

  /** Elasticity of log volume to log volatility (volume rises with volatility). */
  static final double VOLUME_VOL_ELASTICITY = 1.0;

  /** Elasticity of log volume to the size of this hour's shock. */
  static final double VOLUME_SHOCK_ELASTICITY = 0.35;

  /** Noise of log volume. */
  static final double VOLUME_NOISE = 0.3;

  /** Price ticks give about this many significant digits. */
  static final int SIGNIFICANT_DIGITS = 6;

  private static final double HOURS_PER_YEAR = 365.25 * 24;

  /** Normalises the seasonal profile to unit mean square, so it does not change the variance. */
  private static final double[] SEASON = normalised(ABS_RETURN_BY_HOUR);

  public static final SyntheticMarketGenerator DEFAULT = new SyntheticMarketGenerator();

  /** Generates the market, one series per asset. */
  public List<BarSeries> generate(SyntheticMarketConfig cfg) {
    return generate(cfg, h -> {});
  }

  /**
   * Generates the market, reporting progress as the number of hours done.
   *
   * @param progress called every 1000 hours and at the end
   */
  public List<BarSeries> generate(SyntheticMarketConfig cfg, IntConsumer progress) {
    return generate(cfg, BarInterval.H1, progress);
  }

  /**
   * Generates the market in bars of {@code interval}: hourly, or bars that divide an hour cut from
   * each hour's intrabar path (whose steps they must divide; {@link
   * SyntheticMarketConfig#withIntrabarSteps}), each bar's high and low the extremes of its steps
   * and the hour's volume shared in proportion to each bar's absolute move plus the hour's mean
   * one. The hourly process and its draws are the same as in the hourly market of a configuration
   * with as many steps.
   *
   * @param progress called every 1000 hours and at the end
   * @throws IllegalArgumentException for another interval, or one that does not divide the steps
   */
  public List<BarSeries> generate(
      SyntheticMarketConfig cfg, BarInterval interval, IntConsumer progress) {
    if (interval != BarInterval.H1) {
      long hour = BarInterval.H1.millis();
      if (interval.millis() > hour
          || hour % interval.millis() != 0
          || cfg.intrabarSteps() % (hour / interval.millis()) != 0) {
        throw new IllegalArgumentException(
            "synthetic "
                + interval
                + " bars need an interval that divides an hour and "
                + cfg.intrabarSteps()
                + " intrabar steps");
      }
    }
    Simulation sim = new Simulation(cfg, interval);
    for (int t = 0; t < cfg.hours(); t++) {
      sim.hour(t);
      if ((t + 1) % 1000 == 0 || t + 1 == cfg.hours()) {
        progress.accept(t + 1);
      }
    }
    return sim.series();
  }

  /**
   * One generation: the per-asset state carried from hour to hour (GARCH variance, price, the
   * series built so far) and the regime and outage of the market, with a method per step of an
   * hour. The random draws happen in a fixed order (regime, market jump, market shock, outage, then
   * per asset: shock, jump, intrabar path, volume noise), which keeps a seed's market
   * bit-identical. Allocates nothing per hour.
   */
  private static final class Simulation {
    private final SyntheticMarketConfig cfg;
    private final long barMs;
    private final int barsPerHour;
    private final SplittableRandom rng;
    private final int n;
    private final double a;
    private final double b;
    private final int nu;
    private final double tScale;
    private final double k2;
    private final double[] calmVar;
    private final double[] h;
    private final double[] price;
    private final double[] expectedJump;
    private final BarSeriesBuilder[] out;
    private final double[] eps;
    private final double[] path;
    private boolean turbulent;
    private int outageLeft;
    // the intrabar extremes of the latest bridge, in log price relative to the open
    private double hiLog;
    private double loLog;

    /**
     * The calibration: each asset's calm-regime variance, so that the long-run mix of regimes and
     * jumps matches its target volatility, and its expected jump (paid back as drift).
     */
    Simulation(SyntheticMarketConfig cfg, BarInterval interval) {
      this.cfg = cfg;
      this.barMs = interval.millis();
      this.barsPerHour = (int) (3_600_000L / barMs);
      rng = new SplittableRandom(cfg.seed());
      n = cfg.assets().size();
      a = cfg.hourlyGarchAlpha();
      b = cfg.hourlyGarchBeta();
      nu = cfg.studentDof();
      tScale = Math.sqrt((nu - 2.0) / nu); // unit variance Student-t
      double pTurb =
          cfg.calmToTurbulentPerHour()
              / (cfg.calmToTurbulentPerHour() + cfg.turbulentToCalmPerHour());
      k2 = cfg.turbulentVolRatio() * cfg.turbulentVolRatio();
      calmVar = new double[n];
      h = new double[n];
      price = new double[n];
      out = new BarSeriesBuilder[n];
      for (int i = 0; i < n; i++) {
        AssetProfile p = cfg.assets().get(i);
        double hourlyVar = p.annualizedVol() * p.annualizedVol() / HOURS_PER_YEAR;
        double jumpVar =
            (cfg.jumpsPerYearCalm() * (1 - pTurb) + cfg.jumpsPerYearTurbulent() * pTurb)
                / HOURS_PER_YEAR
                * p.jumpBeta()
                * p.jumpBeta()
                * (cfg.jumpMean() * cfg.jumpMean() + cfg.jumpStdev() * cfg.jumpStdev());
        double diffusive = Math.max(hourlyVar * 0.25, hourlyVar - jumpVar);
        calmVar[i] = diffusive / ((1 - pTurb) + pTurb * k2);
        h[i] = calmVar[i];
        price[i] = p.startPrice();
        out[i] =
            new BarSeriesBuilder(
                p.symbol(), interval, Math.multiplyExact(cfg.hours(), barsPerHour));
      }
      expectedJump = new double[n];
      for (int i = 0; i < n; i++) {
        expectedJump[i] =
            cfg.assets().get(i).jumpBeta()
                * cfg.jumpMean()
                * (cfg.jumpsPerYearCalm() * (1 - pTurb) + cfg.jumpsPerYearTurbulent() * pTurb)
                / HOURS_PER_YEAR;
      }
      eps = new double[n];
      path = new double[cfg.intrabarSteps()];
    }

    /** Hour {@code t}: the market's regime, jump, common shock and outage, then every asset. */
    void hour(int t) {
      long openMs = cfg.startEpochMs() + t * 3_600_000L;
      int hourOfDay = (int) Math.floorMod(openMs / 3_600_000L, 24L);
      turbulent =
          turbulent
              ? rng.nextDouble() >= cfg.turbulentToCalmPerHour()
              : rng.nextDouble() < cfg.calmToTurbulentPerHour();
      double jumpRate =
          (turbulent ? cfg.jumpsPerYearTurbulent() : cfg.jumpsPerYearCalm()) / HOURS_PER_YEAR;
      double marketJump =
          rng.nextDouble() < jumpRate ? cfg.jumpMean() + cfg.jumpStdev() * rng.nextGaussian() : 0.0;
      double m = studentT(rng, nu) * tScale;
      if (outageLeft > 0) {
        outageLeft--;
      } else if (t > 0 && rng.nextDouble() < cfg.outagesPerYear() / HOURS_PER_YEAR) {
        outageLeft = 1 + rng.nextInt(4);
      }
      boolean observed = outageLeft == 0;
      for (int i = 0; i < n; i++) {
        asset(i, openMs, hourOfDay, m, marketJump, observed);
      }
    }

    /**
     * Asset {@code i} in one hour: its return (loaded on the market shock, plus jumps), the
     * intrabar range, the volume, the bar (unless in an outage) and the GARCH update.
     */
    private void asset(
        int i, long openMs, int hourOfDay, double m, double marketJump, boolean observed) {
      AssetProfile p = cfg.assets().get(i);
      double rho =
          Math.min(0.99, p.marketLoading() + (turbulent ? cfg.turbulentLoadingBoost() : 0));
      double z = rho * m + Math.sqrt(1 - rho * rho) * studentT(rng, nu) * tScale;
      double idioJump =
          rng.nextDouble() < cfg.idiosyncraticJumpsPerYear() / HOURS_PER_YEAR
              ? cfg.jumpStdev() * rng.nextGaussian()
              : 0.0;
      double sigma = Math.sqrt(h[i]) * SEASON[hourOfDay];
      double jump = p.jumpBeta() * marketJump + idioJump;
      // drift: the expected jump is paid back so that prices have no built-in trend
      double r = sigma * z + jump - expectedJump[i];
      eps[i] = sigma * z + jump;
      double omega = (1 - a - b) * calmVar[i] * (turbulent ? k2 : 1.0);
      double open = price[i];
      double close = open * Math.exp(r);
      bridge(sigma, r);
      double logVolume =
          Math.log(p.meanHourlyBaseVolume())
              + LOG_VOLUME_BY_HOUR[hourOfDay]
              + VOLUME_VOL_ELASTICITY * 0.5 * Math.log(h[i] / calmVar[i])
              + VOLUME_SHOCK_ELASTICITY * (Math.abs(z) - 0.8)
              + VOLUME_NOISE * rng.nextGaussian()
              + (jump != 0 ? 1.0 : 0.0)
              - 0.3;
      if (observed && barsPerHour == 1) {
        append(i, openMs, open, close, hiLog, loLog, Math.exp(logVolume));
      } else if (observed) {
        appendBars(i, openMs, open, Math.exp(logVolume));
      }
      price[i] = close;
      h[i] = omega + a * eps[i] * eps[i] + b * h[i];
    }

    /**
     * A Brownian bridge from log(open) to log(close) = log(open) + r: the intrabar path whose
     * extremes ({@link #hiLog}, {@link #loLog}) set high and low.
     */
    private void bridge(double sigma, double r) {
      double stepSd = sigma / Math.sqrt(path.length);
      double sum = 0;
      for (int k = 0; k < path.length; k++) {
        path[k] = stepSd * rng.nextGaussian();
        sum += path[k];
      }
      double adjust = (r - sum) / path.length;
      double x = 0;
      double hi = 0;
      double lo = 0;
      for (int k = 0; k < path.length; k++) {
        x += path[k] + adjust;
        path[k] = x; // from here on the path holds log price relative to the open
        hi = Math.max(hi, x);
        lo = Math.min(lo, x);
      }
      hiLog = hi;
      loLog = lo;
    }

    /**
     * The hour's bars shorter than an hour, cut from the intrabar path (log price relative to the
     * hour's {@code open}).
     */
    private void appendBars(int i, long openMs, double open, double volume) {
      int steps = path.length / barsPerHour;
      double moves = 0;
      for (int j = 0; j < barsPerHour; j++) {
        moves += Math.abs(at((j + 1) * steps - 1) - at(j * steps - 1));
      }
      double mean = moves / barsPerHour;
      double weights = moves + mean * barsPerHour;
      for (int j = 0; j < barsPerHour; j++) {
        double from = at(j * steps - 1);
        double to = at((j + 1) * steps - 1);
        double hi = Math.max(from, to);
        double lo = Math.min(from, to);
        for (int k = j * steps; k < (j + 1) * steps; k++) {
          hi = Math.max(hi, path[k]);
          lo = Math.min(lo, path[k]);
        }
        double barOpen = open * Math.exp(from);
        double share = weights > 0 ? (Math.abs(to - from) + mean) / weights : 1.0 / barsPerHour;
        append(
            i,
            openMs + j * barMs,
            barOpen,
            open * Math.exp(to),
            hi - from,
            lo - from,
            volume * share);
      }
    }

    /** The path's log price after step {@code k}; 0 (the open) before the first. */
    private double at(int k) {
      return k < 0 ? 0 : path[k];
    }

    /**
     * The observed bar: prices on the tick grid, volumes rounded as an exchange reports them; high
     * and low from the extremes in log price relative to the open.
     */
    private void append(
        int i,
        long openMs,
        double open,
        double close,
        double hiLogRel,
        double loLogRel,
        double volume) {
      double tick = tick(open);
      double o = round(open, tick);
      double c = round(close, tick);
      double hiP = Math.max(round(open * Math.exp(hiLogRel), tick), Math.max(o, c));
      double loP = Math.max(tick, Math.min(round(open * Math.exp(loLogRel), tick), Math.min(o, c)));
      double vol = Math.round(volume * 1e4) / 1e4;
      double quote = Math.round(vol * (o + hiP + loP + c) / 4 * 100) / 100.0;
      out[i].append(openMs, o, hiP, loP, c, vol, quote);
    }

    List<BarSeries> series() {
      List<BarSeries> series = new ArrayList<>(n);
      for (BarSeriesBuilder builder : out) {
        series.add(builder.build());
      }
      return series;
    }
  }

  /** Student-t(ν) for integer ν: N / sqrt(χ²(ν) / ν), χ² as a sum of squared normals. */
  private static double studentT(SplittableRandom rng, int nu) {
    double chi2 = 0;
    for (int k = 0; k < nu; k++) {
      double g = rng.nextGaussian();
      chi2 += g * g;
    }
    return rng.nextGaussian() / Math.sqrt(chi2 / nu);
  }

  /** A price tick giving about {@link #SIGNIFICANT_DIGITS} significant digits. */
  static double tick(double price) {
    return Math.pow(10, Math.floor(Math.log10(price)) - (SIGNIFICANT_DIGITS - 1));
  }

  private static double round(double price, double tick) {
    // divide by the inverse tick: for ticks like 1e-7, x / 1e-7 is exact where x * 1e7 may not be
    double inv = Math.rint(1 / tick);
    return inv >= 1 ? Math.rint(price * inv) / inv : Math.rint(price / tick) * tick;
  }

  private static double[] normalised(double[] profile) {
    double ms = 0;
    for (double x : profile) {
      ms += x * x;
    }
    ms /= profile.length;
    double[] out = new double[profile.length];
    for (int i = 0; i < profile.length; i++) {
      out[i] = profile[i] / Math.sqrt(ms);
    }
    return out;
  }
}
