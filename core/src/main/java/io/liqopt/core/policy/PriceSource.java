package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import io.liqopt.core.market.BarSeries;

/**
 * One price observation offered to the {@link PriceGuard}.
 *
 * @param name where it comes from (e.g. {@code binance-spot}, {@code chainlink}, {@code twap-6h})
 * @param priceQuote the price, quote currency per unit, positive and finite
 * @param asOfEpochMs when it was observed (UTC epoch ms)
 */
public record PriceSource(String name, double priceQuote, long asOfEpochMs) {

  public PriceSource {
    Checks.notBlank(name, "price source name");
    if (!(priceQuote > 0) || !Double.isFinite(priceQuote)) {
      // the message is built only here: a source's quote is made on every tick
      throw new IllegalArgumentException(
          "price of source " + name + " must be positive and finite, was " + priceQuote);
    }
  }

  /**
   * A time-weighted average price over the last {@code bars} bars of {@code series}: the mean of
   * their closes (bars are equally long, so each close carries the same time weight). Stamped with
   * the close time of the last bar (its open time + the interval), when its close was observed; a
   * bar still open at {@code now} is therefore stamped in the future and the guard drops it.
   *
   * @throws IllegalArgumentException if the series has fewer bars
   */
  public static PriceSource twap(BarSeries series, int bars) {
    Checks.positive(bars, "bars");
    int n = series.size();
    if (n < bars) {
      throw new IllegalArgumentException(
          "a TWAP over " + bars + " bars needs as many bars; " + series.symbol() + " has " + n);
    }
    double sum = 0;
    for (int i = n - bars; i < n; i++) {
      sum += series.close(i);
    }
    return new PriceSource(
        "twap-" + bars + "x" + series.interval(),
        sum / bars,
        series.openTimeMs(n - 1) + series.interval().millis());
  }
}
