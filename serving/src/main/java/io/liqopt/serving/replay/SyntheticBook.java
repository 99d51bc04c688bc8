package io.liqopt.serving.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded book of borrowers for a replay, stated so that a reader knows what was stressed: each
 * position's collateral is one pick of an asset (70 %) or two (30 %, merged when the same asset
 * comes twice), the market factor picked twice as often as any other; its collateral worth
 * lognormal around 10 000 quote units (σ of the log 1); its debt set so that its health factor at
 * the start, Σ quantity · price · LT / debt, is 1.02 + a lognormal of median 0.35 (σ of the log
 * 0.6): a median HF of 1.37, about one position in twenty under 1.15, one in four under 1.25.
 */
public final class SyntheticBook {
  /** One position: its collateral quantities by symbol and its debt in quote units. */
  public record Position(String id, Map<String, Double> collateral, double debtQuote) {
    public Position {
      collateral = Map.copyOf(collateral);
    }
  }

  private SyntheticBook() {}

  /**
   * {@code n} positions over {@code symbols}, at the prices and LTs given (index by index).
   *
   * @param factor the market factor's index in {@code symbols} (weighted twice), or −1
   */
  public static List<Position> generate(
      int n, List<String> symbols, double[] price, double[] lt, int factor, long seed) {
    if (symbols.isEmpty() || price.length != symbols.size() || lt.length != symbols.size()) {
      throw new IllegalArgumentException("one price and one LT per symbol needed");
    }
    for (int i = 0; i < price.length; i++) {
      if (!(price[i] > 0) || !(lt[i] > 0 && lt[i] < 1)) {
        throw new IllegalArgumentException(
            symbols.get(i) + " needs a positive price and an LT in (0, 1) to size a book");
      }
    }
    double[] cumulative = new double[symbols.size()];
    double total = 0;
    for (int i = 0; i < cumulative.length; i++) {
      total += i == factor ? 2 : 1;
      cumulative[i] = total;
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<Position> out = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      int assets = symbols.size() > 1 && r.nextDouble() < 0.3 ? 2 : 1;
      Map<String, Double> collateral = new LinkedHashMap<>();
      double weighted = 0;
      double value = 10_000 * Math.exp(r.nextGaussian(0, 1) - 0.5);
      for (int k = 0; k < assets; k++) {
        int i = pick(cumulative, r.nextDouble() * total);
        double v = value / assets;
        collateral.merge(symbols.get(i), v / price[i], Double::sum);
        weighted += v * lt[i];
      }
      double hf = 1.02 + Math.exp(Math.log(0.35) + 0.6 * r.nextGaussian());
      out.add(new Position(String.format("replay-%06d", p), collateral, weighted / hf));
    }
    return out;
  }

  private static int pick(double[] cumulative, double u) {
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
