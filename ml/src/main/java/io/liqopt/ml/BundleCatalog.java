package io.liqopt.ml;

import io.liqopt.core.feature.FeatureCalculator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code liqopt models list|verify} as library calls: what a models folder holds, and a bundle
 * checked the way the service loads it. Stateless.
 */
public final class BundleCatalog {

  /**
   * One bundle of the folder.
   *
   * @param latest whether LATEST names it
   * @param manifest its manifest, or null when it cannot be read
   * @param error why the manifest cannot be read, else null
   */
  public record Listed(String id, boolean latest, BundleManifest manifest, String error) {}

  /**
   * A bundle that passed verification and loaded.
   *
   * @param inputColumns the model's input columns
   * @param modelVersion the version every forecast of the model carries
   * @param elapsedMillis the time taken to verify and load it
   */
  public record Verified(
      String id,
      BundleManifest manifest,
      int inputColumns,
      String modelVersion,
      double elapsedMillis) {}

  private BundleCatalog() {}

  /** The bundles of {@code store}, newest first; an unreadable one is listed with its error. */
  public static List<Listed> list(BundleStore store) throws IOException {
    List<Listed> out = new ArrayList<>();
    List<String> ids = store.list();
    String latest = store.latestId().orElse("");
    for (String id : ids) {
      try {
        out.add(new Listed(id, id.equals(latest), store.manifest(id), null));
      } catch (BundleException e) {
        out.add(new Listed(id, id.equals(latest), null, e.getMessage()));
      }
    }
    return out;
  }

  /**
   * Verifies bundle {@code bundleId} (LATEST when null): manifest, checksums of every file, feature
   * schema, and loading every model.
   *
   * @throws IllegalArgumentException when no id is given and there is no LATEST
   * @throws BundleException when the bundle is refused
   */
  public static Verified verify(BundleStore store, String bundleId) throws IOException {
    String id =
        bundleId != null
            ? bundleId
            : store
                .latestId()
                .orElseThrow(
                    () -> new IllegalArgumentException("no LATEST bundle in " + store.root()));
    long t0 = System.nanoTime();
    BundleManifest m = store.verify(id, FeatureCalculator.SCHEMA);
    try (MlForecastModel model = MlForecastModel.load(store.root().resolve(id), m)) {
      return new Verified(
          id, m, model.featureNames().size(), model.modelVersion(), (System.nanoTime() - t0) / 1e6);
    }
  }
}
