package io.liqopt.serving.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticBookTest {
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  private static final double[] PRICE = {60_000, 3_000, 150};
  private static final double[] LT = {0.85, 0.80, 0.70};

  @Test
  void generate_healthFactorsAtTheStartAsStated() {
    List<SyntheticBook.Position> book = SyntheticBook.generate(20_000, SYMBOLS, PRICE, LT, 0, 3);
    double[] hf = new double[book.size()];
    int factorHeld = 0;
    int twoAssets = 0;
    for (int i = 0; i < hf.length; i++) {
      SyntheticBook.Position p = book.get(i);
      double weighted = 0;
      for (Map.Entry<String, Double> e : p.collateral().entrySet()) {
        int k = SYMBOLS.indexOf(e.getKey());
        weighted += e.getValue() * PRICE[k] * LT[k];
      }
      hf[i] = weighted / p.debtQuote();
      factorHeld += p.collateral().containsKey("BTCUSDT") ? 1 : 0;
      twoAssets += p.collateral().size() == 2 ? 1 : 0;
    }
    Arrays.sort(hf);
    assertTrue(hf[0] > 1.02, "lowest HF " + hf[0]);
    // median 1.02 + 0.35; P(HF < 1.15) = Φ(ln(0.13/0.35)/0.6) = 0.049
    assertEquals(1.37, hf[hf.length / 2], 0.01);
    int below = 0;
    for (double h : hf) {
      below += h < 1.15 ? 1 : 0;
    }
    assertEquals(0.049, below / (double) hf.length, 0.006);
    // a position holds the factor with probability 1 − (1 − ½)^k per pick: ½ with one pick, ¾ with
    // two (a repeat pick merges into one holding); 0.7·½ + 0.3·¾ = 0.575
    assertEquals(0.575, factorHeld / (double) hf.length, 0.015);
    // two picks in 30 %, the same asset twice with probability ½² + 2·¼² = 0.375
    assertEquals(0.3 * 0.625, twoAssets / (double) hf.length, 0.01);
  }

  @Test
  void generate_sameSeed_sameBook_idsInOrder() {
    List<SyntheticBook.Position> a = SyntheticBook.generate(50, SYMBOLS, PRICE, LT, 0, 9);
    assertEquals(a, SyntheticBook.generate(50, SYMBOLS, PRICE, LT, 0, 9));
    assertEquals("replay-000000", a.get(0).id());
    assertEquals("replay-000049", a.get(49).id());
  }

  @Test
  void generate_withoutAPriceOrAnLt_refused() {
    double[] noPrice = {60_000, Double.NaN, 150};
    assertThrows(
        IllegalArgumentException.class,
        () -> SyntheticBook.generate(1, SYMBOLS, noPrice, LT, 0, 1));
    double[] badLt = {0.85, 1.0, 0.7};
    assertThrows(
        IllegalArgumentException.class,
        () -> SyntheticBook.generate(1, SYMBOLS, PRICE, badLt, 0, 1));
  }
}
