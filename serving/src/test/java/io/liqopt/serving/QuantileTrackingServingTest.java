package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.QuantileTrackingState;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.GovernorState;
import io.liqopt.serving.state.GovernorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service tracks the quantiles it serves: bar by bar, its state saved with the governor's and
 * loaded again at start; without tracking nothing is kept and the model's quantiles are served.
 */
class QuantileTrackingServingTest {
  private static final int HELD_BACK = 60;
  private static final double GAMMA = 0.05;
  private static final int LEVEL_99 = 5; // 0.99 among the standard levels

  @Test
  void servedQuantiles_trackedBarByBar_stateSavedAndLoaded(@TempDir Path dir) throws Exception {
    BarSeries s = TestService.market(1).get(0);
    long cut = s.openTimeMs(s.size() - HELD_BACK);
    double[] raw = serve(dir.resolve("raw"), s, cut, 0);
    assertNull(trackingOf(dir.resolve("raw"), s.symbol()), "no tracking, nothing kept");

    double[] served = serve(dir.resolve("tracked"), s, cut, GAMMA);
    QuantileTrackingState state = trackingOf(dir.resolve("tracked"), s.symbol());
    assertEquals(s.lastOpenTimeMs(), state.lastAsOfEpochMs());
    double[] offsets = state.offsetsOf(24).values();
    assertNotEquals(0, offsets[LEVEL_99], "closed windows moved the offset");
    assertArrayEquals(tracked(raw, offsets), served, 1e-12);
    assertEquals(24, state.pending().stream().filter(p -> p.horizonHours() == 24).count());

    // a restart refits the baseline on the longer history, and tracks it from the saved state
    double[] rawAgain;
    try (Server again = TestService.start(options(dir.resolve("raw"), 0))) {
      rawAgain = curve(again, s.symbol());
      assertNull(scale(again, s.symbol()), "untracked: no scale shown");
    }
    try (Server again = TestService.start(options(dir.resolve("tracked"), GAMMA))) {
      assertArrayEquals(tracked(rawAgain, offsets), curve(again, s.symbol()), 1e-12);
      // the API shows how far the tracking moved each level: e^s of the offsets it applied
      assertArrayEquals(exp(offsets), scale(again, s.symbol()), 1e-12);
    }
    QuantileTrackingState loaded = trackingOf(dir.resolve("tracked"), s.symbol());
    assertEquals(state.offsets(), loaded.offsets(), "no new bar: the offsets stay");
    assertEquals(state.pending().size(), loaded.pending().size(), "the last bar's issue replaced");
  }

  /** The curve served from {@code raw} with these offsets: each level moved, then sorted. */
  private static double[] tracked(double[] raw, double[] offsets) {
    double[] v = new double[raw.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = QuantileTracking.tracked(raw[k], offsets[k]);
    }
    java.util.Arrays.sort(v);
    return v;
  }

  /**
   * Serves {@code s} cut at {@code cut}, posts the bars after it one by one, and returns the
   * quantiles of the 24 h long adverse move served at the end.
   */
  private static double[] serve(Path dir, BarSeries s, long cut, double gamma) throws Exception {
    TestService.store(dir.resolve("data"), List.of(s.slice(Long.MIN_VALUE, cut)));
    try (Server server = TestService.start(options(dir, gamma))) {
      for (int i = s.size() - HELD_BACK; i < s.size(); i++) {
        TestService.post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\"" + s.symbol() + "\",\"bars\":[" + bar(s, i) + "]}]}",
                TestService.TOKEN)
            .expect(200);
      }
      return curve(server, s.symbol());
    }
  }

  private static Server.Options options(Path dir, double gamma) {
    return TestService.options(
        dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN, gamma);
  }

  private static double[] curve(Server server, String symbol) {
    JsonNode h = horizon24(server, symbol);
    assertEquals(0.99, h.get("levels").get(LEVEL_99).asDouble(), 0);
    return TestService.JSON.convertValue(h.get("longAdverseMove"), double[].class);
  }

  /** The 24 h horizon's {@code trackingScale} served, or null when it is absent. */
  private static double[] scale(Server server, String symbol) {
    JsonNode s = horizon24(server, symbol).get("trackingScale");
    return s == null ? null : TestService.JSON.convertValue(s, double[].class);
  }

  /** e^s of each offset: the scale the API shows. */
  private static double[] exp(double[] offsets) {
    return java.util.Arrays.stream(offsets).map(Math::exp).toArray();
  }

  private static JsonNode horizon24(Server server, String symbol) {
    JsonNode f =
        TestService.get(server, "/v1/assets/" + symbol + "/thresholds")
            .expect(200)
            .json()
            .get("forecast");
    for (JsonNode h : f.get("horizons")) {
      if (h.get("hours").asInt() == 24) {
        return h;
      }
    }
    throw new AssertionError("no 24 h horizon: " + f);
  }

  private static QuantileTrackingState trackingOf(Path dir, String symbol) throws Exception {
    GovernorState g =
        new GovernorStore(dir.resolve("data").resolve("state").resolve("governor.json"))
            .load()
            .get(symbol);
    assertTrue(g != null, "a governor state for " + symbol);
    return g.tracking();
  }

  private static String bar(BarSeries s, int i) {
    return String.format(
        Locale.ROOT,
        "{\"openTimeMs\":%d,\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,"
            + "\"volume\":%s,\"quoteVolume\":%s}",
        s.openTimeMs(i),
        s.open(i),
        s.high(i),
        s.low(i),
        s.close(i),
        s.volume(i),
        s.quoteVolume(i));
  }
}
