package io.liqopt.serving.replay;

import java.util.Map;

/**
 * One hour of a replay as the API showed it {@link MarketReplay#SAMPLE_LAG_MS} after the hour's
 * end.
 *
 * @param hourMs the hour's start
 * @param sampledAtMs the market time of the sample
 * @param barsIn whether every asset the live prices did not mark stale had its bar of the hour
 *     ingested when sampled (the replay waits up to {@link MarketReplay#BAR_WAIT_MS} of wall time
 *     for it)
 * @param assets per asset what the service held
 * @param book the position book
 * @param queue the liquidation queue
 * @param events the stream's events that arrived in the hour, by type (position events count the
 *     positions they name)
 */
public record ReplayHour(
    long hourMs,
    long sampledAtMs,
    boolean barsIn,
    Map<String, Asset> assets,
    Book book,
    Queue queue,
    Map<String, Long> events) {
  public ReplayHour {
    assets = Map.copyOf(assets);
    events = Map.copyOf(events);
  }

  /** Whether every asset not marked stale by the live prices holds a bar ending at {@code ms}. */
  boolean barsEndAt(long ms) {
    for (Asset a : assets.values()) {
      if (!a.livePriceStale() && a.dataTimeMs() < ms) {
        return false;
      }
    }
    return true;
  }

  /** This sample with the stream's events of its hour. */
  ReplayHour withEvents(Map<String, Long> e) {
    return new ReplayHour(hourMs, sampledAtMs, barsIn, assets, book, queue, e);
  }

  /**
   * One asset.
   *
   * @param price the price the thresholds and the book use (the guarded live price, else the last
   *     bar's close)
   * @param barClose the close of the last bar the service holds
   * @param dataTimeMs the end of that bar
   * @param livePriceStale whether live prices marked the asset stale
   * @param lt the served liquidation threshold
   * @param maxLtv the served max LTV
   * @param volatility24h the forecast 24 h volatility
   * @param stressProbability the forecast stress probability
   * @param thresholdsStale whether the thresholds are the conservative ones of stale input
   * @param refusedQuotes quotes of the asset its guard refused so far, all sources
   * @param outliers quotes of the asset dropped from its median so far, all sources
   */
  public record Asset(
      double price,
      double barClose,
      long dataTimeMs,
      boolean livePriceStale,
      double lt,
      double maxLtv,
      double volatility24h,
      double stressProbability,
      boolean thresholdsStale,
      long refusedQuotes,
      long outliers) {}

  /**
   * The book.
   *
   * @param positions positions held
   * @param liquidatable positions with HF &lt; 1
   * @param debtQuote total debt
   * @param liquidatableDebtQuote debt of the positions with HF &lt; 1
   * @param cliffDebtQuote debt a further −1 %, −5 %, −10 % would make liquidatable
   */
  public record Book(
      int positions,
      int liquidatable,
      double debtQuote,
      double liquidatableDebtQuote,
      double[] cliffDebtQuote) {
    public Book {
      cliffDebtQuote = cliffDebtQuote.clone();
    }

    @Override
    public double[] cliffDebtQuote() {
      return cliffDebtQuote.clone();
    }
  }

  /**
   * The liquidation queue.
   *
   * @param entries positions queued
   * @param repayQuote debt their plans repay
   * @param nextSliceRepayQuote debt the queue's next slices repay
   * @param toxic positions in a toxic spiral (a liquidation lowers their HF)
   * @param waiting positions whose next slice waits on an asset's impact budget
   */
  public record Queue(
      int entries, double repayQuote, double nextSliceRepayQuote, int toxic, int waiting) {}
}
