package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.forecast.baseline.HistoricalSimulationForecaster;
import io.liqopt.core.target.HorizonTargets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvTest {

  @Test
  void write_everyForecastRowBesideItsTargets_readableBack(@TempDir Path dir) throws Exception {
    List<AssetHistory> histories = SyntheticHistories.of(2, 0.6, 3);
    WalkForwardConfig config =
        new WalkForwardConfig(
            ForecastSpec.of(List.of(1, 24), 0.10),
            120,
            30,
            24,
            WalkForwardConfig.DEFAULT_EVALUATION_LEVELS,
            1);
    EvaluationData data =
        WalkForwardRunner.run(
            histories,
            List.of(new HistoricalSimulationForecaster(90), new EwmaForecaster()),
            config,
            (d, t, w) -> {});
    Path file = dir.resolve(PredictionsCsv.FILE);
    long written = PredictionsCsv.write(data, file);

    List<String[]> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(l.split(",", -1));
      }
    }
    List<String> header = Arrays.asList(lines.get(0));
    assertEquals(
        List.of(
            "symbol",
            "open_time_ms",
            "fold",
            "horizon_h",
            "realised_variance",
            "long_mae",
            "stress",
            "series_row",
            "hs.variance",
            "hs.q0.9",
            "hs.q0.95",
            "hs.q0.99",
            "hs.q0.995",
            "hs.stress",
            "ewma.variance",
            "ewma.q0.9",
            "ewma.q0.95",
            "ewma.q0.99",
            "ewma.q0.995",
            "ewma.stress"),
        header);
    assertEquals(written, lines.size() - 1);
    long expected = 0;
    for (AssetEvaluation a : data.assets()) {
      for (int i = 0; i < a.rows(); i++) {
        expected += a.fold(i) >= 0 ? 2 : 0; // two horizons
      }
    }
    assertEquals(expected, written);

    // every value is the run's own, exactly; stress only on the stress horizon
    int checked = 0;
    AssetEvaluation a = data.assets().get(1);
    for (String[] l : lines.subList(1, lines.size())) {
      if (!l[0].equals(a.symbol())) {
        continue;
      }
      long t = Long.parseLong(l[1]);
      int h = Integer.parseInt(l[3]);
      int i = (int) ((t - a.openTimeMs(0)) / 3_600_000L);
      assertEquals(t, a.openTimeMs(i), "synthetic series have no gaps");
      assertEquals(a.fold(i), Integer.parseInt(l[2]));
      HorizonTargets target = a.realised(h);
      int row = a.seriesRow(i);
      if (target.isDefined(row)) {
        assertEquals(target.realisedVariance(row), Double.parseDouble(l[4]));
        assertEquals(target.longAdverseMove(row), Double.parseDouble(l[5]));
        assertEquals(h == 24 ? (target.longAdverseMove(row) > 0.10 ? "1" : "0") : "", l[6]);
      } else {
        assertEquals("", l[4]);
      }
      Predictions p = a.predictions("ewma", h);
      if (p.has(i)) {
        assertEquals(p.variance(i), Double.parseDouble(l[14]));
        assertEquals((float) p.quantile(2, i), Float.parseFloat(l[17]));
        assertEquals(h == 24, !l[19].isEmpty());
        checked++;
      } else {
        assertEquals("", l[14]);
      }
    }
    assertTrue(checked > 1_000, "checked " + checked);
  }
}
