package io.liqopt.store.synthetic;

import io.liqopt.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Parameters of the synthetic market. {@link #defaults(int, double, long)} gives values calibrated
 * so hourly statistics resemble the real BTC/ETH history in {@code shared/data} (see README,
 * "Synthetic market").
 *
 * <p>Per asset i and hour t, with regime s ∈ {calm, turbulent} (a two-state Markov chain):
 *
 * <pre>
 *   r(i,t) = sqrt(h(i,t)) · season(hour) · z(i,t) + J(i,t)
 *   z(i,t) = ρ(i,s) · m(t) + sqrt(1 − ρ(i,s)²) · e(i,t)      m, e ~ unit-variance Student-t(ν)
 *   h(i,t) = ω(i,s) + a · ε(i,t−1)² + b · h(i,t−1)          ε = r − (drift), GARCH(1,1)
 *   ω(i,s) = (1 − a − b) · σ²(i,s)                          σ(i,turbulent) = k · σ(i,calm)
 * </pre>
 *
 * J is a market-wide jump (Poisson, rate λ(s), normal size, scaled by the asset's jump beta) plus a
 * rarer idiosyncratic jump. Volume follows an intraday profile and rises with volatility; OHLC come
 * from a Brownian-bridge intrabar path with {@code intrabarSteps} steps, so that high/low bracket
 * open/close consistently.
 *
 * @param hourlyGarchAlpha a, ARCH coefficient per hour
 * @param hourlyGarchBeta b, GARCH coefficient per hour
 * @param studentDof ν, degrees of freedom of the shocks (integer, &gt; 4 for a finite kurtosis)
 * @param turbulentVolRatio k, turbulent over calm volatility
 * @param calmToTurbulentPerHour transition probability per hour
 * @param turbulentToCalmPerHour transition probability per hour
 * @param turbulentLoadingBoost added to every asset's market loading in turbulence
 * @param jumpsPerYearCalm market-wide jump rate in calm regimes
 * @param jumpsPerYearTurbulent market-wide jump rate in turbulent regimes
 * @param jumpMean mean market jump size (log return; negative: crashes)
 * @param jumpStdev standard deviation of the market jump size
 * @param idiosyncraticJumpsPerYear asset-specific jump rate
 * @param outagesPerYear exchange-wide outages (missing bars for every asset), 1 to 4 hours each
 * @param intrabarSteps sub-steps of the intrabar path
 */
public record SyntheticMarketConfig(
    List<AssetProfile> assets,
    long startEpochMs,
    int hours,
    long seed,
    double hourlyGarchAlpha,
    double hourlyGarchBeta,
    int studentDof,
    double turbulentVolRatio,
    double calmToTurbulentPerHour,
    double turbulentToCalmPerHour,
    double turbulentLoadingBoost,
    double jumpsPerYearCalm,
    double jumpsPerYearTurbulent,
    double jumpMean,
    double jumpStdev,
    double idiosyncraticJumpsPerYear,
    double outagesPerYear,
    int intrabarSteps) {

  /** Start of the default synthetic history, matching the real data in shared/data. */
  public static final long DEFAULT_START = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();

  /** The asset universe, in order; the first is the market leader (BTC-like). */
  public static final List<AssetProfile> UNIVERSE =
      List.of(
          new AssetProfile("SYNBTCUSDT", 29_000, 0.56, 0.93, 1.0, 1_500),
          new AssetProfile("SYNETHUSDT", 730, 0.72, 0.85, 1.25, 20_000),
          new AssetProfile("SYNSOLUSDT", 1.5, 1.02, 0.72, 1.6, 400_000),
          new AssetProfile("SYNBNBUSDT", 37, 0.70, 0.70, 1.1, 50_000),
          new AssetProfile("SYNXRPUSDT", 0.22, 0.88, 0.65, 1.3, 30_000_000),
          new AssetProfile("SYNDOGEUSDT", 0.0047, 1.12, 0.60, 1.5, 300_000_000),
          new AssetProfile("SYNADAUSDT", 0.18, 0.91, 0.70, 1.35, 40_000_000),
          new AssetProfile("SYNLTCUSDT", 125, 0.79, 0.72, 1.2, 60_000));

  public SyntheticMarketConfig {
    assets = List.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("at least one asset is needed");
    }
    if (assets.stream().map(AssetProfile::symbol).distinct().count() != assets.size()) {
      throw new IllegalArgumentException("asset symbols must be distinct");
    }
    Checks.positive(hours, "hours");
    if (startEpochMs % 3_600_000L != 0) {
      throw new IllegalArgumentException("start must be on the hour");
    }
    Checks.inRange(hourlyGarchAlpha, 0, 1, "hourlyGarchAlpha");
    Checks.inRange(hourlyGarchBeta, 0, 1, "hourlyGarchBeta");
    if (!(hourlyGarchAlpha + hourlyGarchBeta < 1)) {
      throw new IllegalArgumentException("GARCH a + b must be < 1 for a stationary variance");
    }
    if (studentDof < 5 || studentDof > 100) {
      throw new IllegalArgumentException("studentDof must be in [5, 100], was " + studentDof);
    }
    Checks.inRange(turbulentVolRatio, 1, 10, "turbulentVolRatio");
    Checks.inRange(calmToTurbulentPerHour, 0, 1, "calmToTurbulentPerHour");
    Checks.inRange(turbulentToCalmPerHour, 0, 1, "turbulentToCalmPerHour");
    Checks.inRange(turbulentLoadingBoost, 0, 0.5, "turbulentLoadingBoost");
    Checks.nonNegativeFinite(jumpsPerYearCalm, "jumpsPerYearCalm");
    Checks.nonNegativeFinite(jumpsPerYearTurbulent, "jumpsPerYearTurbulent");
    Checks.inRange(jumpMean, -0.5, 0.5, "jumpMean");
    Checks.nonNegativeFinite(jumpStdev, "jumpStdev");
    Checks.nonNegativeFinite(idiosyncraticJumpsPerYear, "idiosyncraticJumpsPerYear");
    Checks.nonNegativeFinite(outagesPerYear, "outagesPerYear");
    Checks.positive(intrabarSteps, "intrabarSteps");
  }

  /** The most assets {@link #defaults} makes: the universe, then variations of it. */
  public static final int MAX_SYMBOLS = 1000;

  /**
   * The calibrated defaults for the first {@code symbols} assets: those of {@link #UNIVERSE}, then
   * (beyond its 8) variations of them ({@link #profile}), for scale tests.
   *
   * @param years length of the history (fractional years allowed)
   */
  public static SyntheticMarketConfig defaults(int symbols, double years, long seed) {
    if (symbols < 1 || symbols > MAX_SYMBOLS) {
      throw new IllegalArgumentException(
          "symbols must be in [1, " + MAX_SYMBOLS + "], was " + symbols);
    }
    if (!(years > 0) || years > 50) {
      throw new IllegalArgumentException("years must be in (0, 50], was " + years);
    }
    int hours = (int) Math.round(years * 365.25 * 24);
    return new SyntheticMarketConfig(
        java.util.stream.IntStream.range(0, symbols)
            .mapToObj(SyntheticMarketConfig::profile)
            .toList(),
        DEFAULT_START,
        hours,
        seed,
        0.05,
        0.93,
        6,
        2.4,
        1.0 / (24 * 60),
        1.0 / (24 * 14),
        0.05,
        2,
        15,
        -0.035,
        0.035,
        2,
        1.5,
        12);
  }

  /**
   * Asset {@code k} of the default market: {@link #UNIVERSE}'s k-th, or beyond it a variation of
   * the universe's {@code k mod 8}-th, named {@code SYNA<k>USDT}, its volatility scaled by a factor
   * in [0.8, 1.2) and its market loading lowered by up to 0.1 (a fixed sequence, no random draw).
   */
  static AssetProfile profile(int k) {
    if (k < UNIVERSE.size()) {
      return UNIVERSE.get(k);
    }
    AssetProfile base = UNIVERSE.get(k % UNIVERSE.size());
    double u = (k * 0.6180339887498949) % 1.0;
    return new AssetProfile(
        String.format(java.util.Locale.ROOT, "SYNA%03dUSDT", k),
        base.startPrice(),
        base.annualizedVol() * (0.8 + 0.4 * u),
        Math.max(0, base.marketLoading() - 0.1 * u),
        base.jumpBeta(),
        base.meanHourlyBaseVolume());
  }

  /** This configuration with {@code steps} sub-steps per hour in the intrabar path. */
  public SyntheticMarketConfig withIntrabarSteps(int steps) {
    return new SyntheticMarketConfig(
        assets,
        startEpochMs,
        hours,
        seed,
        hourlyGarchAlpha,
        hourlyGarchBeta,
        studentDof,
        turbulentVolRatio,
        calmToTurbulentPerHour,
        turbulentToCalmPerHour,
        turbulentLoadingBoost,
        jumpsPerYearCalm,
        jumpsPerYearTurbulent,
        jumpMean,
        jumpStdev,
        idiosyncraticJumpsPerYear,
        outagesPerYear,
        steps);
  }
}
