package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleStore;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served forecast model and its reloads: at start the LATEST bundle (verified) or the
 * configured baseline fitted on the stored history; on reload the bundle LATEST names, verified
 * before it replaces the served one, a refused bundle leaving the current one serving. The model is
 * guarded by the engine's lock (swapped with the snapshot it forecast); reloads are serialised by
 * their own lock, so a slow verification never blocks ingest.
 */
final class ModelHolder {
  // the engine's logger: operators filter the serving log by it
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdEngine.class);

  private final ThresholdEngine.Settings settings;
  private final InstantSource wall;
  private final Object lock;
  private final Object reloadLock = new Object();
  private final BundleStore bundles;
  // guarded by lock
  private ServingModel model;
  private volatile ReloadStatus lastReload;

  /**
   * @param lock the engine's lock, which guards the model
   */
  ModelHolder(ThresholdEngine.Settings settings, InstantSource wall, Object lock) {
    this.settings = settings;
    this.wall = wall;
    this.lock = lock;
    this.bundles = settings.modelsDir() == null ? null : new BundleStore(settings.modelsDir());
  }

  /**
   * The forecast spec of a baseline: the policy's horizons, the stress level and the quantile
   * tracking.
   */
  static ForecastSpec baselineSpec(ThresholdEngine.Settings settings) {
    return ForecastSpec.of(settings.policy().horizonsHours(), settings.stressLevel())
        .withQuantileTracking(settings.quantileTrackingGamma());
  }

  /** The model served now. */
  ServingModel current() {
    synchronized (lock) {
      return model;
    }
  }

  /** What the last reload (or the start) did. */
  ReloadStatus lastReload() {
    return lastReload;
  }

  /**
   * Loads the model to start with: the baseline fitted on all of {@code full}, or the LATEST
   * bundle.
   *
   * @throws IllegalStateException with the fix when there is no bundle
   * @throws io.liqopt.ml.BundleException when the LATEST bundle is refused
   */
  void start(Map<String, BarSeries> full, String factorSymbol, Consumer<String> progress) {
    ServingModel m = initial(full, factorSymbol, progress);
    synchronized (lock) {
      model = m;
    }
  }

  private ServingModel initial(
      Map<String, BarSeries> full, String factorSymbol, Consumer<String> progress) {
    if (settings.baseline() != null) {
      List<AssetHistory> histories = new ArrayList<>();
      for (BarSeries s : full.values()) {
        histories.add(AssetHistory.of(s, full.get(factorSymbol)));
      }
      progress.accept("fitting baseline " + settings.baseline() + " on all stored history");
      ServingModel m =
          ServingModel.baseline(settings.baseline(), histories, baselineSpec(settings));
      lastReload =
          new ReloadStatus(
              wall.millis(),
              "start",
              null,
              "loaded",
              "serving baseline " + m.id() + " (--baseline): no bundle is used");
      return m;
    }
    String id;
    try {
      id = bundles.latestId().orElse(null);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + bundles.root().resolve(BundleStore.LATEST) + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw new IllegalStateException(
          "no model bundle in "
              + bundles.root()
              + ": run 'liqopt train' first, or start with --baseline garch to serve a classical "
              + "forecaster");
    }
    ServingModel m = ServingModel.bundle(bundles, id, full.values());
    progress.accept("model: bundle " + id + " verified and loaded from " + bundles.root());
    lastReload = new ReloadStatus(wall.millis(), "start", id, "loaded", "bundle verified");
    return m;
  }

  /**
   * Loads the bundle LATEST names, if it is not the one served: verified first; a refused bundle is
   * logged and reported, and the current one keeps serving. Nothing to do with a baseline.
   *
   * @param trigger who asked (for the status)
   * @param held the held series (called under the engine's lock), for the path engine's quantiles
   *     where the bundle chose them
   * @param publish recomputes every asset with the new model (called under the engine's lock, once
   *     the model is swapped)
   */
  ReloadStatus reload(String trigger, Supplier<List<BarSeries>> held, Runnable publish) {
    synchronized (reloadLock) {
      if (settings.baseline() != null) {
        return lastReload =
            new ReloadStatus(
                wall.millis(),
                trigger,
                null,
                "unchanged",
                "serving baseline "
                    + settings.baseline()
                    + " (--baseline): bundles are not loaded");
      }
      String id;
      try {
        id = bundles.latestId().orElse(null);
      } catch (IOException e) {
        return refused(trigger, null, "cannot read LATEST: " + e.getMessage());
      }
      ServingModel current = current();
      if (id == null) {
        return refused(trigger, null, "models/LATEST names no bundle");
      }
      if (current.manifest() != null && id.equals(current.manifest().bundleId())) {
        return lastReload =
            new ReloadStatus(wall.millis(), trigger, id, "unchanged", "already serving " + id);
      }
      ServingModel next;
      try {
        List<BarSeries> series;
        synchronized (lock) {
          series = held.get();
        }
        next = ServingModel.bundle(bundles, id, series);
      } catch (RuntimeException e) {
        return refused(trigger, id, e.getMessage());
      }
      ServingModel old;
      synchronized (lock) {
        old = model;
        model = next;
        publish.run();
      }
      closeLater(old);
      LOG.info("reload ({}): now serving bundle {} (was {})", trigger, id, old.id());
      return lastReload =
          new ReloadStatus(
              wall.millis(),
              trigger,
              id,
              "loaded",
              "now serving " + id + " (was " + old.id() + ")");
    }
  }

  private ReloadStatus refused(String trigger, String id, String why) {
    LOG.warn(
        "reload ({}) refused bundle {}: {}; still serving {}", trigger, id, why, current().id());
    return lastReload = new ReloadStatus(wall.millis(), trigger, id, "refused", why);
  }

  private static void closeLater(ServingModel old) {
    // requests with caller-supplied bars may still be forecasting with the old model
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              old.close();
            },
            "liqopt-close-" + old.id());
    t.setDaemon(true);
    t.start();
  }

  /** Closes the model served. */
  void close() {
    synchronized (lock) {
      model.close();
    }
  }
}
