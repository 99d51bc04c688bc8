package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.serving.wal.SegmentOpener;
import io.liqopt.store.MarketStore;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact answer made chunk by chunk on several threads is, byte for byte, what Jackson writes
 * for the whole batch assessed on one thread.
 */
class CompactAnswerTest {
  @TempDir static Path dir;
  static ThresholdEngine engine;
  static ServingState state;
  static ResolvedPolicy policy;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    MarketStore store = new MarketStore(data);
    for (BarSeries s :
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.3, 5))) {
      store.write(s, "synthetic test market");
    }
    Files.createDirectories(dir.resolve("models"));
    policy = ResolvedPolicy.defaultPolicy();
    engine =
        ThresholdEngine.start(
            new ThresholdEngine.Settings(
                data,
                dir.resolve("models"),
                policy,
                "ewma",
                ThresholdEngine.Clock.DATA,
                60,
                48,
                null,
                0.10,
                0),
            () -> Instant.parse("2026-01-01T00:00:00Z"),
            line -> {},
            SegmentOpener.FILES);
    state = engine.state();
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void matchesTheWholeBatchWrittenByJackson() throws Exception {
    Random rnd = new Random(3);
    for (int n : new int[] {0, 1, 2_047, 2_048, 4_099, 10_000}) {
      List<Position> positions = positions(rnd, n);
      byte[] expected = JsonBodies.MAPPER.writeValueAsBytes(oneThread(positions));
      byte[] got = CompactAnswer.of(state, policy, positions, Deadline.NONE, Long.MAX_VALUE);
      assertArrayEquals(expected, got, n + " positions");
    }
  }

  @Test
  void refusesAnAnswerOverTheLimitAndFitsOneAtIt() throws Exception {
    List<Position> positions = positions(new Random(4), 3_000);
    int size = JsonBodies.MAPPER.writeValueAsBytes(oneThread(positions)).length;
    assertEquals(size, CompactAnswer.of(state, policy, positions, Deadline.NONE, size).length);
    assertThrows(
        BoundedBytes.Overflow.class,
        () -> CompactAnswer.of(state, policy, positions, Deadline.NONE, size - 1));
    // a limit a single chunk passes stops the work there
    assertThrows(
        BoundedBytes.Overflow.class,
        () -> CompactAnswer.of(state, policy, positions, Deadline.NONE, 10_000));
  }

  @Test
  void aPassedDeadlineStopsTheBatch() {
    List<Position> positions = positions(new Random(5), 5_000);
    assertThrows(
        Deadline.Passed.class,
        () -> CompactAnswer.of(state, policy, positions, Deadline.in(-1), Long.MAX_VALUE));
  }

  /** The reference: the batch assessed in one piece, every item written by Jackson. */
  private static PositionResponses.CompactAssessResponse oneThread(List<Position> positions) {
    List<AssessmentOutcome> out =
        state.assessor(policy).assess(positions, 0, positions.size(), Deadline.NONE);
    List<PositionResponses.CompactOutcome> items = new ArrayList<>();
    int failed = 0;
    for (AssessmentOutcome o : out) {
      items.add(PositionResponses.CompactOutcome.of(o));
      failed += o.ok() ? 0 : 1;
    }
    return new PositionResponses.CompactAssessResponse(
        state.modelId(), state.mode(), state.nowMs(), out.size() - failed, failed, items);
  }

  /**
   * Healthy, liquidatable and toxic positions over the held assets, one in fifty holding an asset
   * the snapshot has no thresholds for (an error item).
   */
  private static List<Position> positions(Random rnd, int n) {
    List<AssetView> assets = new ArrayList<>(state.assets().values());
    assertTrue(assets.size() >= 2);
    List<Position> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<CollateralHolding> holdings = new ArrayList<>();
      double value = 0;
      int k = 1 + rnd.nextInt(assets.size());
      for (int j = 0; j < k; j++) {
        AssetView a = assets.get(j);
        double qty = 1 + rnd.nextDouble() * 100;
        holdings.add(new CollateralHolding(a.symbol(), qty, a.price()));
        value += qty * a.price();
      }
      if (rnd.nextInt(50) == 0) {
        holdings.add(new CollateralHolding("NOTHELD", 1, 1));
      }
      double debt = value * (0.3 + rnd.nextDouble() * 0.9);
      out.add(new Position("p-\"" + i + "\"", holdings, "USD", debt));
    }
    return out;
  }
}
