package io.liqopt.core.policy;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import java.time.Instant;
import java.util.List;

/** Test builders for forecasts, market snapshots and thresholds (Strata's sut() style). */
public final class PolicyFixtures {
  /** 2024-01-01T00:00Z. */
  public static final long T0 = 1_704_067_200_000L;

  public static final long HOUR_MS = 3_600_000L;
  public static final long DAY_MS = 24 * HOUR_MS;
  public static final Instant NOW = Instant.ofEpochMilli(T0 + HOUR_MS);

  /** Levels of the test curves. */
  public static final double[] LEVELS = {0.5, 0.95, 0.99, 0.999};

  /** The 24 h long adverse-move quantiles of the test curve at {@link #LEVELS}. */
  public static final double[] MAE_24H = {0.02, 0.06, 0.10, 0.15};

  private PolicyFixtures() {}

  /**
   * A forecast with 1 h and 24 h horizons: 24 h variance {@code sigmaDay²} and long quantiles
   * {@code mae24h}; the 1 h horizon has variance σ²/24 and quantiles mae24h/5 (not used by the
   * default configuration).
   */
  public static AssetForecast forecast(
      String symbol, long asOfMs, double sigmaDay, double[] mae24h, double stressProbability) {
    double[] mae1h = new double[mae24h.length];
    for (int i = 0; i < mae1h.length; i++) {
      mae1h[i] = mae24h[i] / 5;
    }
    HorizonForecast h1 =
        new HorizonForecast(
            1,
            sigmaDay * sigmaDay / 24,
            QuantileCurve.of(LEVELS, mae1h),
            QuantileCurve.of(LEVELS, mae1h));
    HorizonForecast h24 =
        new HorizonForecast(
            24,
            sigmaDay * sigmaDay,
            QuantileCurve.of(LEVELS, mae24h),
            QuantileCurve.of(LEVELS, mae24h));
    return new AssetForecast(
        symbol, asOfMs, "test-model", List.of(h1, h24), 0.10, 24, stressProbability);
  }

  /** The standard test forecast: σ_day 3 %, {@link #MAE_24H}, as of T0, stress 0.05. */
  public static AssetForecast forecast(String symbol) {
    return forecast(symbol, T0, 0.03, MAE_24H, 0.05);
  }

  /** A market snapshot at T0 without depth. */
  public static MarketSnapshot market(String symbol, double price, double dailyQuoteVolume) {
    return MarketSnapshot.of(symbol, price, dailyQuoteVolume, T0);
  }

  /** Thresholds built directly (not by the calculator), for assessment tests. */
  public static AssetThresholds thresholds(
      String symbol, double lt, double bonus, double closeFactor, double dailyVolatility) {
    return new AssetThresholds(
        symbol,
        "test-model",
        T0,
        T0 + HOUR_MS,
        lt,
        lt * 0.9,
        bonus,
        closeFactor,
        0.001,
        0.1,
        0.99,
        0.05,
        0.95,
        lt * 0.9,
        dailyVolatility,
        0.05,
        false,
        List.of());
  }

  /** Governor targets built directly: LT {@code lt}, tail LT {@code tailLt}, at {@code atMs}. */
  public static AssetThresholds target(
      double lt, double tailLt, double stressProbability, boolean stale, long atMs) {
    return new AssetThresholds(
        "BTCUSDT",
        "test-model",
        atMs - HOUR_MS,
        atMs,
        lt,
        lt * 0.94,
        0.02,
        0.5,
        0.001,
        0.1,
        0.99,
        0.06,
        0.95,
        tailLt,
        0.03,
        stressProbability,
        stale,
        List.of());
  }
}
