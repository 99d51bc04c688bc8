package io.liqopt.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformal quantile source in {@code calibration.json}: its buckets survive a round trip, are
 * left out when absent (so older calibrations are written as before), and a calibration written
 * before they existed still reads, with the model's own quantiles everywhere.
 */
class MlCalibrationJsonTest {
  private static final ConformalBuckets BUCKETS =
      new ConformalBuckets(
          List.of(1e-4, 4e-4),
          List.of(List.of(-0.1, 0.05), List.of(0.0, 0.1), List.of(0.2, 0.35)),
          List.of(700, 700, 701));

  private static MlCalibration calibration(
      Map<Integer, QuantileSource> sources, ConformalBuckets buckets) {
    return new MlCalibration(
        List.of("BTCUSDT"),
        List.of(1, 24),
        List.of(0.9, 0.99),
        0.1,
        24,
        24,
        Map.of(1, 0.2, 24, 0.3),
        Map.of(1, List.of(0.5, 1.5), 24, List.of(0.7, 2.0)),
        Map.of(1, List.of(0.4, 1.4), 24, List.of(0.6, 1.9)),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        sources,
        buckets);
  }

  @Test
  void json_conformalAtTheQuantileHorizon_roundTrips() throws Exception {
    MlCalibration c =
        calibration(Map.of(1, QuantileSource.PATHS, 24, QuantileSource.CONFORMAL), BUCKETS);
    byte[] json = BundleStore.JSON.writeValueAsBytes(c);
    MlCalibration back = BundleStore.JSON.readValue(json, MlCalibration.class);
    assertEquals(c, back);
    assertEquals(BUCKETS, back.conformalBuckets());
    assertEquals(QuantileSource.CONFORMAL, back.quantileSource(24));
    assertEquals("conformal", BundleStore.JSON.readTree(json).at("/quantileSources/24").asText());
  }

  @Test
  void json_withoutConformalBuckets_keyLeftOut() throws Exception {
    MlCalibration c = calibration(Map.of(24, QuantileSource.PATHS), null);
    ObjectNode tree = (ObjectNode) BundleStore.JSON.readTree(BundleStore.JSON.writeValueAsBytes(c));
    assertFalse(tree.has("conformalBuckets"), tree.toString());
  }

  @Test
  void json_olderCalibrationWithoutSourcesOrBuckets_readsAsTheModelsOwn() throws Exception {
    ObjectNode tree =
        (ObjectNode)
            BundleStore.JSON.readTree(BundleStore.JSON.writeValueAsBytes(calibration(null, null)));
    tree.remove("quantileSources");
    tree.remove("conformalBuckets");
    MlCalibration old = BundleStore.JSON.treeToValue(tree, MlCalibration.class);
    assertNull(old.conformalBuckets());
    assertNull(old.quantileSources());
    assertEquals(QuantileSource.MODEL, old.quantileSource(24));
    assertTrue(old.pathHorizons().isEmpty());
  }

  @Test
  void new_conformalWithoutBucketsOrOffTheQuantileHorizon_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> calibration(Map.of(24, QuantileSource.CONFORMAL), null));
    assertThrows(IllegalArgumentException.class, () -> calibration(Map.of(), BUCKETS));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                calibration(
                    Map.of(1, QuantileSource.CONFORMAL, 24, QuantileSource.CONFORMAL), BUCKETS));
    assertTrue(e.getMessage().contains("1 h"), e.getMessage());
    ConformalBuckets oneLevel = new ConformalBuckets(List.of(), List.of(List.of(0.1)), List.of(10));
    assertThrows(
        IllegalArgumentException.class,
        () -> calibration(Map.of(24, QuantileSource.CONFORMAL), oneLevel));
  }

  @Test
  void of_unknownName_namesTheThreeSources() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QuantileSource.of("net"));
    assertTrue(e.getMessage().contains("model, paths or conformal"), e.getMessage());
    assertEquals(QuantileSource.CONFORMAL, QuantileSource.of("conformal"));
  }
}
