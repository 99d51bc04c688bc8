package io.liqopt.serving.api;

import java.util.List;
import java.util.Map;

/**
 * The request bodies, as the client writes them: every field boxed so that a missing one is told
 * apart from a zero. {@link BarRequests}, {@link PositionRequests} and {@link ThresholdRequests}
 * check each with field-level messages ({@link Fields}) before anything reaches core.
 */
public final class Requests {
  /** Prices above this (quote currency per unit) are refused as absurd. */
  public static final double MAX_PRICE = 1e12;

  /** Quantities, volumes and debts above this are refused as absurd. */
  public static final double MAX_AMOUNT = 1e18;

  private Requests() {}

  /**
   * One hourly bar.
   *
   * @param openTimeMs open time, UTC epoch milliseconds, on the hour
   * @param quoteVolume traded value in the quote currency; optional
   */
  public record BarIn(
      Long openTimeMs,
      Double open,
      Double high,
      Double low,
      Double close,
      Double volume,
      Double quoteVolume) {}

  /**
   * New bars of one series.
   *
   * @param symbol e.g. BTCUSDT
   * @param interval only {@code 1h}; optional
   * @param bars in strictly increasing open time, all after the last stored bar
   */
  public record SeriesIn(String symbol, String interval, List<BarIn> bars) {}

  /** {@code POST /v1/market/bars}: new bars of one or more series. */
  public record IngestRequest(List<SeriesIn> series) {}

  /**
   * {@code POST /v1/thresholds}.
   *
   * @param symbols the assets wanted
   * @param bars optional recent hourly bars by symbol, for assets the service does not hold (at
   *     least enough for the features' longest window, 30 days)
   */
  public record ThresholdsRequest(List<String> symbols, Map<String, List<BarIn>> bars) {}

  /**
   * One collateral holding.
   *
   * @param priceQuote the price to value it at; optional, the service's last price when absent
   */
  public record HoldingIn(String symbol, Double quantity, Double priceQuote) {}

  /** One position. */
  public record PositionIn(
      String id, List<HoldingIn> collateral, String debtAsset, Double debtQuote) {}

  /** {@code POST /v1/positions/assess}: one {@code position} or a batch of {@code positions}. */
  public record AssessRequest(PositionIn position, List<PositionIn> positions) {}

  /**
   * {@code POST /v1/positions/stress}: one position and the simulation asked for.
   *
   * @param position the position (its collateral must be assets the service holds)
   * @param hours H, the horizon in hours, 1..168; optional, 24
   * @param paths simulated paths, 1..the server's limit (100 000 by default); optional, 20 000
   * @param levels the VaR/ES levels, each in (0.5, 1); optional, [0.99, 0.999]
   * @param seed the seed of the simulation (the same seed, snapshot and request give the same
   *     answer); optional, 42
   */
  public record StressRequest(
      PositionIn position, Integer hours, Integer paths, List<Double> levels, Long seed) {}
}
