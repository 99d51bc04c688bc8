package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The typed manifest reads the golden bundle's {@code manifest.json} (written when hyper-parameters
 * and metrics were maps) and writes it back byte for byte, with the manifest writer's settings: the
 * same keys, in the same order, with the same values.
 */
class ManifestJsonTest {
  /** As {@code BundleStore}'s writer. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void goldenManifest_readAndWritten_isByteIdentical() throws IOException {
    Path golden = GoldenBundle.onClasspath();
    String id = GoldenBundle.bundleId(golden);
    BundleManifest m = new BundleStore(golden).manifest(id);
    String original =
        Files.readString(golden.resolve(id).resolve(BundleStore.MANIFEST), StandardCharsets.UTF_8);
    assertEquals(original, JSON.writeValueAsString(m));
  }
}
