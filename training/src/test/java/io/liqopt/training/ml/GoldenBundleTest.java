package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.FileTrees;
import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleException;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.DataFingerprint;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.training.ml.GoldenBundle.Expected;
import io.liqopt.training.ml.GoldenBundle.ExpectedForecast;
import io.liqopt.training.ml.GoldenBundle.ExpectedHorizon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in golden bundle ({@code src/test/resources/golden-bundle/}, written by an earlier
 * version of the code with {@link GoldenBundle}) is still accepted the way the service accepts a
 * bundle, and still forecasts the numbers recorded when it was written. A failure here means a
 * change to the bundle format or to how a loaded bundle forecasts: fix the change, or, if it is
 * deliberate, regenerate the golden bundle ({@link GoldenBundle#REGENERATE_COMMAND}) and say so in
 * the commit.
 */
class GoldenBundleTest {
  /**
   * Trees (variance, short curves, long curves off the network's horizon, stress probability):
   * XGBoost's prediction and the Java arithmetic after it are bit-reproducible, so anything beyond
   * rounding is a real change.
   */
  private static final double TREE_TOLERANCE = 1e-12;

  /**
   * The network's long curve: PyTorch's CPU kernels pick their blocking and vector width by CPU, so
   * its float32 outputs may differ in the last bits (about 1e-7 relative) across machines; 1e-6
   * allows a few float ulps, and still fails on any real change of the network or its loading.
   */
  private static final double NET_TOLERANCE = 1e-6;

  @TempDir Path tmp;

  @Test
  void manifest_featureSchema_isTheRunningCodes() {
    Path golden = GoldenBundle.onClasspath();
    checkSchema(new BundleStore(golden).manifest(GoldenBundle.bundleId(golden)));
  }

  @Test
  void verifyAndLoad_goldenBundle_forecastsTheRecordedNumbers() throws IOException {
    Path golden = GoldenBundle.onClasspath();
    Expected expected = GoldenBundle.readExpected(golden);
    String id = GoldenBundle.bundleId(golden);
    assertEquals(expected.bundleId(), id, "LATEST and " + GoldenBundle.EXPECTED_FILE + " disagree");
    List<BarSeries> market = GoldenBundle.market();
    assertEquals(
        expected.marketSha256(),
        DataFingerprint.of(market),
        "the synthetic market of seed "
            + GoldenBundle.SEED
            + " is not the one the golden forecasts were made on: the generator or its"
            + " defaults changed, not the bundle. If that change is deliberate, regenerate with "
            + GoldenBundle.REGENERATE_COMMAND);
    Map<String, AssetHistory> histories =
        GoldenBundle.histories(market).stream()
            .collect(Collectors.toMap(AssetHistory::symbol, Function.identity()));

    BundleStore store = new BundleStore(golden);
    checkSchema(store.manifest(id));
    BundleManifest m = store.verify(id, FeatureCalculator.SCHEMA);
    List<String> mismatches = new ArrayList<>();
    try (MlForecastModel model = MlForecastModel.load(golden.resolve(id), m)) {
      int netHorizon = model.calibration().quantileHorizonHours();
      for (ExpectedForecast e : expected.forecasts()) {
        AssetHistory h = histories.get(e.symbol());
        String at = e.symbol() + " row " + e.row();
        assertEquals(e.asOfEpochMs(), h.series().openTimeMs(e.row()), at);
        ExpectedForecast a = GoldenBundle.of(model.forecast(h, e.row()), e.row());
        assertEquals(e.modelVersion(), a.modelVersion(), at);
        assertEquals(e.stressLevel(), a.stressLevel(), 0, at);
        assertEquals(e.stressHorizonHours(), a.stressHorizonHours(), at);
        compare(
            at + " stress probability",
            e.stressProbability(),
            a.stressProbability(),
            TREE_TOLERANCE,
            mismatches);
        assertEquals(e.horizons().size(), a.horizons().size(), at);
        for (int k = 0; k < e.horizons().size(); k++) {
          ExpectedHorizon eh = e.horizons().get(k);
          ExpectedHorizon ah = a.horizons().get(k);
          String hat = at + " " + eh.horizonHours() + " h";
          assertEquals(eh.horizonHours(), ah.horizonHours(), at);
          assertArrayEquals(eh.levels(), ah.levels(), 0, hat);
          compare(hat + " variance", eh.variance(), ah.variance(), TREE_TOLERANCE, mismatches);
          compare(
              hat + " long",
              eh.longAdverseMove(),
              ah.longAdverseMove(),
              eh.horizonHours() == netHorizon ? NET_TOLERANCE : TREE_TOLERANCE,
              mismatches);
          compare(
              hat + " short",
              eh.shortAdverseMove(),
              ah.shortAdverseMove(),
              TREE_TOLERANCE,
              mismatches);
        }
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        "the golden bundle "
            + id
            + " no longer forecasts what it did"
            + " when it was written ("
            + mismatches.size()
            + " numbers differ): loading or forecasting"
            + " changed. Fix it, or, if the change is deliberate, regenerate with "
            + GoldenBundle.REGENERATE_COMMAND
            + "\n"
            + String.join("\n", mismatches));
  }

  @Test
  void verify_oneByteOfStressModelFlipped_refused() throws IOException {
    Path golden = GoldenBundle.onClasspath();
    String id = GoldenBundle.bundleId(golden);
    Path copy = tmp.resolve("models");
    FileTrees.copy(golden, copy);
    BundleStore store = new BundleStore(copy);
    store.verify(id, FeatureCalculator.SCHEMA); // the copy itself is fine

    Path stress = copy.resolve(id).resolve("stress.tribuo");
    byte[] bytes = Files.readAllBytes(stress);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(stress, bytes);
    var e = assertThrows(BundleException.class, () -> store.verify(id, FeatureCalculator.SCHEMA));
    assertTrue(e.getMessage().contains("checksum mismatch for stress.tribuo"), e.getMessage());
  }

  private static void checkSchema(BundleManifest m) {
    assertEquals(
        FeatureCalculator.SCHEMA.fingerprint(),
        m.featureSchemaFingerprint(),
        "the feature schema changed (golden bundle: version "
            + m.featureSchemaVersion()
            + ", running code: version "
            + FeatureCalculator.SCHEMA.version()
            + "), so no bundle"
            + " written before can be served. If that is deliberate, regenerate the golden bundle"
            + " as a deliberate format change, from the repository root: "
            + GoldenBundle.REGENERATE_COMMAND);
  }

  private static void compare(
      String what,
      double[] expected,
      double[] actual,
      double relTolerance,
      List<String> mismatches) {
    if (expected.length != actual.length) {
      mismatches.add(
          what + ": " + expected.length + " values expected, " + actual.length + " given");
      return;
    }
    for (int i = 0; i < expected.length; i++) {
      compare(what + "[" + i + "]", expected[i], actual[i], relTolerance, mismatches);
    }
  }

  /** Relative difference, against at least the smallest normal double (so that 0 must stay 0). */
  private static void compare(
      String what, double expected, double actual, double relTolerance, List<String> mismatches) {
    double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
    if (!(Math.abs(actual - expected) <= relTolerance * scale)) {
      mismatches.add(what + ": expected " + expected + ", was " + actual);
    }
  }
}
