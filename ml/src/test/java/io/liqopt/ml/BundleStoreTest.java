package io.liqopt.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.feature.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {
  @TempDir Path models;

  private Path writeBundle(BundleStore store, String id, FeatureSchema schema) throws IOException {
    return store.write(
        id,
        dir -> {
          Files.writeString(dir.resolve("variance-24h.tribuo"), "model bytes " + id);
          Files.createDirectories(dir.resolve("quantile-net"));
          Files.writeString(dir.resolve("quantile-net/net.params"), "weights");
        },
        sums ->
            new BundleManifest(
                id,
                "2026-11-26T10:00:00Z",
                BundleManifest.FORMAT,
                Map.of("liqopt", "test"),
                new BundleManifest.TrainingData(List.of("BTCUSDT"), "BTCUSDT", 0, 1, 2, "abc"),
                schema.version(),
                schema.names(),
                schema.fingerprint(),
                List.of(1, 24),
                List.of(0.5, 0.99),
                0.1,
                24,
                42,
                new HyperParameters(null, null, null, 0),
                BundleMetrics.NONE,
                sums,
                new RecipeProvenance("test", 1, "embedded:test.json", "00", List.of("--seed 7"))));
  }

  @Test
  void write_thenVerify_listsChecksumsAndUpdatesLatest() throws IOException {
    BundleStore store = new BundleStore(models);
    writeBundle(store, "b1", FeatureCalculator.SCHEMA);
    writeBundle(store, "b2", FeatureCalculator.SCHEMA);
    assertEquals(List.of("b2", "b1"), store.list());
    assertEquals("b2", store.latestId().orElseThrow());
    BundleManifest m = store.verify("b2", FeatureCalculator.SCHEMA);
    assertEquals(2, m.files().size(), m.files().toString());
    assertTrue(m.files().containsKey("quantile-net/net.params"));
    assertEquals(List.of("--seed 7"), m.recipe().overrides(), "the recipe round-trips");
    try (var s = Files.list(models)) {
      assertFalse(
          s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp")), "no temp folder left");
    }
  }

  @Test
  void verify_corruptTruncatedMissingOrExtraFile_refusedWithTheReason() throws IOException {
    BundleStore store = new BundleStore(models);
    Path b = writeBundle(store, "b1", FeatureCalculator.SCHEMA);
    Path f = b.resolve("variance-24h.tribuo");
    Files.writeString(f, "model bytes b2"); // same length, one byte changed
    var corrupt =
        assertThrows(BundleException.class, () -> store.verify("b1", FeatureCalculator.SCHEMA));
    assertTrue(
        corrupt.getMessage().contains("checksum mismatch for variance-24h.tribuo"),
        corrupt.getMessage());
    Files.writeString(f, "model");
    assertThrows(BundleException.class, () -> store.verify("b1", FeatureCalculator.SCHEMA));
    Files.delete(f);
    var missing =
        assertThrows(BundleException.class, () -> store.verify("b1", FeatureCalculator.SCHEMA));
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());

    Path b2 = writeBundle(store, "b2", FeatureCalculator.SCHEMA);
    Files.writeString(b2.resolve("extra.bin"), "x");
    var extra =
        assertThrows(BundleException.class, () -> store.verify("b2", FeatureCalculator.SCHEMA));
    assertTrue(extra.getMessage().contains("not in the manifest"), extra.getMessage());
  }

  @Test
  void verify_otherFeatureSchemaOrBrokenManifest_refused() throws IOException {
    BundleStore store = new BundleStore(models);
    FeatureSchema old = new FeatureSchema("0", List.of("ret_1h"));
    writeBundle(store, "b1", old);
    var schema =
        assertThrows(BundleException.class, () -> store.verify("b1", FeatureCalculator.SCHEMA));
    assertTrue(schema.getMessage().contains("feature schema 0"), schema.getMessage());

    writeBundle(store, "b2", FeatureCalculator.SCHEMA);
    Files.writeString(models.resolve("b2").resolve(BundleStore.MANIFEST), "{ not json");
    var manifest =
        assertThrows(BundleException.class, () -> store.verify("b2", FeatureCalculator.SCHEMA));
    assertTrue(manifest.getMessage().contains("unreadable manifest"), manifest.getMessage());
    assertThrows(BundleException.class, () -> store.verify("nope", FeatureCalculator.SCHEMA));
  }

  @Test
  void write_failingWriter_leavesNoBundleAndKeepsLatest() throws IOException {
    BundleStore store = new BundleStore(models);
    writeBundle(store, "b1", FeatureCalculator.SCHEMA);
    assertThrows(
        IOException.class,
        () ->
            store.write(
                "b2",
                dir -> {
                  throw new IOException("disk full");
                },
                sums -> null));
    assertEquals(List.of("b1"), store.list());
    assertEquals("b1", store.latestId().orElseThrow());
  }
}
