package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.liqopt.core.position.Position;
import io.liqopt.serving.state.Chunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An assessment request's checks name each bad field by its JSON path, in a batch as for one
 * position: {@code positions[2].collateral[1].quantity}.
 */
class PositionRequestsTest {
  private static final Map<String, Double> HELD = Map.of("BTCUSDT", 40_000.0, "ETHUSDT", 2_000.0);
  private static final Function<String, PositionRequests.Held> PRICE =
      sym -> HELD.containsKey(sym) ? new PositionRequests.Held(sym, HELD.get(sym)) : null;

  private static Requests.HoldingIn holding(String symbol, Double quantity) {
    return new Requests.HoldingIn(symbol, quantity, null);
  }

  private static Requests.PositionIn position(
      String id, List<Requests.HoldingIn> collateral, Double debt) {
    return new Requests.PositionIn(id, collateral, "USDT", debt);
  }

  /** The refusal of a batch {@code in} of at most {@code max} positions. */
  private static ApiException refused(List<Requests.PositionIn> in, int max) {
    return assertThrows(
        ApiException.class,
        () -> PositionRequests.positions(new Requests.AssessRequest(null, in), PRICE, max));
  }

  private static List<String> fields(ApiException e) {
    return e.toProblem("/v1/positions/assess").errors().stream()
        .map(x -> x.field() + ": " + x.message())
        .toList();
  }

  @Test
  void aValidBatchBuildsEveryPosition() {
    List<Requests.PositionIn> in = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      in.add(
          position(
              "p" + i, List.of(holding("BTCUSDT", 0.5 + i), holding("ETHUSDT", 1.0)), 1_000.0 + i));
    }
    List<Position> out =
        PositionRequests.positions(new Requests.AssessRequest(null, in), PRICE, 10_000);
    assertEquals(50, out.size());
    assertEquals("p49", out.get(49).id());
    assertEquals(
        49.5 * 40_000.0 + 2_000.0,
        out.get(49).collateral().stream().mapToDouble(h -> h.valueQuote()).sum(),
        1e-9);
  }

  @Test
  void errorsInABatchAreNamedByTheirPaths() {
    List<Requests.PositionIn> in =
        Arrays.asList(
            position("ok", List.of(holding("BTCUSDT", 1.0)), 100.0),
            position(null, List.of(holding("BTCUSDT", 1.0)), 100.0),
            position("p2", List.of(holding("BTCUSDT", 1.0), holding("ETHUSDT", -3.0)), 100.0),
            null,
            position("p4", Arrays.asList(holding("ETHUSDT", 1.0), null), -1.0),
            position(" ", List.of(holding("BTCUSDT", Double.NaN)), 100.0));
    ApiException e = refused(in, 100);
    assertEquals(400, e.status());
    List<String> f = fields(e);
    assertEquals(
        List.of(
            "positions[1].id",
            "positions[2].collateral[1].quantity",
            "positions[3]",
            "positions[4].debtQuote",
            "positions[4].collateral[1]",
            "positions[5].id",
            "positions[5].collateral[0].quantity"),
        f.stream().map(s -> s.substring(0, s.indexOf(':'))).toList(),
        f.toString());
  }

  @Test
  void oneRequestedPositionIsNamedPosition() {
    Requests.AssessRequest r =
        new Requests.AssessRequest(
            position("p", List.of(holding("BTCUSDT", 1.0), holding("ETHUSDT", -1.0)), 10.0), null);
    ApiException e =
        assertThrows(ApiException.class, () -> PositionRequests.positions(r, PRICE, 100));
    assertEquals(
        List.of("position.collateral[1].quantity"),
        fields(e).stream().map(s -> s.substring(0, s.indexOf(':'))).toList());
  }

  @Test
  void unknownSymbolsAreListedOnceInTheOrderSeen() {
    List<Requests.PositionIn> in =
        List.of(
            position("a", List.of(holding("SOLUSDT", 1.0)), 10.0),
            position("b", List.of(holding("BTCUSDT", 1.0), holding("XRPUSDT", 1.0)), 10.0),
            position("c", List.of(holding("SOLUSDT", 2.0)), 10.0));
    ApiException e = refused(in, 100);
    assertEquals(404, e.status());
    assertEquals(
        "unknown symbols SOLUSDT, XRPUSDT (GET /v1/assets lists the symbols served)",
        e.toProblem("/v1/positions/assess").detail());
  }

  @Test
  void aHeldSymbol_isTheServicesOwnInstance_notTheRequestsCopy() {
    String held = "BTCUSDT";
    String sent = new String(held.toCharArray()); // as a parser gives it: an equal, other object
    assertNotSame(held, sent);
    List<Position> out =
        PositionRequests.positions(
            new Requests.AssessRequest(
                null, List.of(position("p", List.of(holding(sent, 1.0)), 100.0))),
            sym -> sym.equals(held) ? new PositionRequests.Held(held, 40_000.0) : null,
            10);
    assertSame(held, out.get(0).collateral().get(0).symbol());
    assertEquals(40_000.0, out.get(0).collateral().get(0).priceQuote());
  }

  /**
   * A batch large enough to be checked in chunks gets, error for error, the answer of a check of
   * each position on its own: a position that cannot be built (a holding listed twice) is named
   * wherever it falls, whatever errors come before it.
   */
  @Test
  void aLargeBatchsErrorsDoNotDependOnItsChunks() {
    int n = 3 * Chunks.MIN_CHUNK + 5;
    List<Requests.PositionIn> in = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 97 == 3) {
        in.add(position("p" + i, List.of(holding("BTCUSDT", -1.0)), 10.0));
        expected.add("positions[" + i + "].collateral[0].quantity");
      } else if (i % 131 == 7) {
        in.add(position("p" + i, List.of(holding("BTCUSDT", 1.0), holding("BTCUSDT", 2.0)), 10.0));
        expected.add("positions[" + i + "]");
      } else {
        in.add(position("p" + i, List.of(holding("ETHUSDT", 1.0)), 10.0));
      }
    }
    ApiException e = refused(in, n);
    assertEquals(
        expected.subList(0, Math.min(100, expected.size())),
        fields(e).stream().map(s -> s.substring(0, s.indexOf(':'))).toList());
    // and without errors, every position in order
    List<Requests.PositionIn> valid = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      valid.add(position("p" + i, List.of(holding("ETHUSDT", 1.0 + i)), 10.0));
    }
    List<Position> out =
        PositionRequests.positions(new Requests.AssessRequest(null, valid), PRICE, n);
    assertEquals(n, out.size());
    for (int i = 0; i < n; i++) {
      assertEquals("p" + i, out.get(i).id());
    }
  }

  /**
   * Field errors come before unknown symbols wherever they fall: a position that cannot be built
   * after one that names an unknown symbol still makes the answer a 400 naming it.
   */
  @Test
  void anInvalidPositionAfterAnUnknownSymbolIsA400() {
    List<Requests.PositionIn> in =
        List.of(
            position("a", List.of(holding("SOLUSDT", 1.0)), 10.0),
            position("b", List.of(holding("BTCUSDT", 1.0), holding("BTCUSDT", 2.0)), 10.0));
    ApiException e = refused(in, 100);
    assertEquals(400, e.status());
    assertEquals(
        List.of("positions[1]"),
        fields(e).stream().map(s -> s.substring(0, s.indexOf(':'))).toList());
  }
}
