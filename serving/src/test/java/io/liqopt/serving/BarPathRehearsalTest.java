package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.state.BarPathRehearsal;
import io.liqopt.serving.state.ServingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rehearsal of the bar path runs every round and changes nothing the service holds. */
class BarPathRehearsalTest {
  @Test
  void rehearsal_runsEveryRound_changesNothing(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    try (Server s =
        TestService.start(
            TestService.options(
                dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN))) {
      ServingState before = s.engine().state();
      Path state = dir.resolve("data").resolve("state");
      byte[] governor = Files.readAllBytes(state.resolve("governor.json.0"));
      BarPathRehearsal.Result r = BarPathRehearsal.run(s.engine(), 5);
      assertEquals(5, r.rounds());
      assertEquals(2, r.forecasts(), "each asset forecast afresh (its view rewound has none)");
      assertSame(before, s.engine().state(), "no snapshot published");
      assertEquals(
          new String(governor), new String(Files.readAllBytes(state.resolve("governor.json.0"))));
      assertEquals(0, BarPathRehearsal.run(s.engine(), 0).rounds());
    }
  }
}
