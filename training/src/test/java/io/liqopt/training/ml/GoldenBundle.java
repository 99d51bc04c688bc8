package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.DataFingerprint;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The recipe of the checked-in golden bundle ({@code src/test/resources/golden-bundle/}, see its
 * README) and, behind {@code -Dliqopt.golden.regenerate=true}, its regeneration: a deliberately
 * tiny ML bundle trained by the real {@link TrainJob} on a small seeded synthetic market, and the
 * forecasts it gave when it was written ({@value #EXPECTED_FILE}). {@link GoldenBundleTest} checks
 * that the code of today still loads it and forecasts the same numbers.
 *
 * <p>The market is never checked in: it is regenerated from {@link #SEED}, and the expected file
 * records its fingerprint so that a change of the synthetic generator is told apart from a change
 * of the bundle format.
 *
 * <p>Not a test class by name (surefire runs {@code *Test}), and its one method is skipped unless
 * asked for: regenerating is a deliberate format change, never a side effect of a build.
 */
class GoldenBundle {
  /**
   * The folder on the test classpath: a models folder (LATEST, one bundle) plus the expected file.
   */
  static final String RESOURCE = "golden-bundle";

  static final String EXPECTED_FILE = "expected-forecasts.json";
  static final String REGENERATE_PROPERTY = "liqopt.golden.regenerate";

  /** Run from the repository root. */
  static final String REGENERATE_COMMAND =
      "./mvnw -o -q -B test -pl training -am -Dtest=GoldenBundle"
          + " -D"
          + REGENERATE_PROPERTY
          + "=true -Dsurefire.failIfNoSpecifiedTests=false";

  /** The project's fixtures share 1 MB; this one keeps well inside it. */
  static final long SIZE_BUDGET_BYTES = 300 * 1024;

  static final long SEED = 11;

  /**
   * Three synthetic assets: the first two train the bundle, the third is unseen (the pooled model).
   */
  static final int ASSETS = 3;

  static final int TRAINED_ASSETS = 2;

  /** 1 753 hourly bars: the 30-day feature warm-up, the three training blocks, 3 days after. */
  static final double YEARS = 0.2;

  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;

  /** Training uses the bars opening before start + 70 days; the last 3 days are out of sample. */
  static final long AS_OF_EXCLUSIVE_MS = SyntheticMarketConfig.DEFAULT_START + 70 * DAY_MS;

  /**
   * The default horizons (1 h, and 24 h for the network and stress) with a 3 % stress level, so
   * that the calibration block holds enough stress events for Platt scaling to be fitted and
   * stored.
   */
  static final ForecastSpec SPEC = ForecastSpec.of(List.of(1, 24), 0.03);

  /**
   * As small as the trainer accepts: 12-day selection and calibration blocks (just over its 500
   * rows each with two assets), one candidate of 10 depth-2 trees, one hidden layer of 8 units.
   */
  static final MlForecaster.Options OPTIONS =
      new MlForecaster.Options(
          12,
          12,
          4_000,
          List.of(new GbmParams(10, 2, 0.1, 0.8, 10)),
          new QuantileNetParams(new int[] {8}, 2, 256, 1e-3, 1),
          24,
          0);

  /**
   * Forecast times relative to the as-of time: in the fit, selection and calibration blocks, the
   * first bar after training (as served), and the last bar.
   */
  private static final long[] FORECAST_OFFSETS_MS = {
    -30 * DAY_MS, -18 * DAY_MS, -5 * DAY_MS, 0, 3 * DAY_MS - HOUR_MS
  };

  /** Kept when the folder is regenerated; everything else in it is the generator's output. */
  private static final Set<String> HAND_WRITTEN = Set.of("README.md", ".gitattributes");

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What {@value #EXPECTED_FILE} holds. */
  record Expected(
      String about, String bundleId, String marketSha256, List<ExpectedForecast> forecasts) {}

  /** Every number of one {@link AssetForecast}, with the row it was made at. */
  record ExpectedForecast(
      String symbol,
      int row,
      long asOfEpochMs,
      String modelVersion,
      double stressLevel,
      int stressHorizonHours,
      double stressProbability,
      List<ExpectedHorizon> horizons) {}

  /** Every number of one {@link HorizonForecast}. */
  record ExpectedHorizon(
      int horizonHours,
      double variance,
      double[] levels,
      double[] longAdverseMove,
      double[] shortAdverseMove) {}

  /** The synthetic market, deterministic for {@link #SEED}. */
  static List<BarSeries> market() {
    return SyntheticMarketGenerator.DEFAULT.generate(
        SyntheticMarketConfig.defaults(ASSETS, YEARS, SEED));
  }

  /** Every asset's history with the first asset as the market factor, as the training uses. */
  static List<AssetHistory> histories(List<BarSeries> market) {
    return market.stream().map(s -> AssetHistory.of(s, market.get(0))).toList();
  }

  /** The golden folder as the test classpath holds it (a copy of the checked-in resource). */
  static Path onClasspath() {
    URL url = GoldenBundle.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(
          RESOURCE + " is not on the test classpath; regenerate it with " + REGENERATE_COMMAND);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unexpected resource location " + url, e);
    }
  }

  /** The id LATEST names in a golden folder. */
  static String bundleId(Path golden) {
    try {
      return new BundleStore(golden)
          .latestId()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      golden + " has no LATEST; regenerate it with " + REGENERATE_COMMAND));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Expected readExpected(Path golden) throws IOException {
    return JSON.readValue(golden.resolve(EXPECTED_FILE).toFile(), Expected.class);
  }

  /** The forecasts of {@code model} at the rows of every asset that the expected file records. */
  static List<ExpectedForecast> forecasts(MlForecastModel model, List<AssetHistory> histories) {
    List<ExpectedForecast> out = new ArrayList<>();
    for (AssetHistory h : histories) {
      for (long offset : FORECAST_OFFSETS_MS) {
        int row = h.series().indexAtOrAfter(AS_OF_EXCLUSIVE_MS + offset);
        out.add(of(model.forecast(h, row), row));
      }
    }
    return out;
  }

  static ExpectedForecast of(AssetForecast f, int row) {
    List<ExpectedHorizon> horizons =
        f.horizons().stream()
            .map(
                h ->
                    new ExpectedHorizon(
                        h.horizonHours(),
                        h.variance(),
                        h.longAdverseMove().levels(),
                        h.longAdverseMove().values(),
                        h.shortAdverseMove().values()))
            .toList();
    return new ExpectedForecast(
        f.symbol(),
        row,
        f.asOfEpochMs(),
        f.modelVersion(),
        f.stressLevel(),
        f.stressHorizonHours(),
        f.stressProbability(),
        horizons);
  }

  /**
   * Replaces the checked-in golden bundle and its expected forecasts: run with {@link
   * #REGENERATE_COMMAND}, review, commit. Writes into the source tree, not the classpath copy.
   */
  @Test
  @EnabledIfSystemProperty(named = REGENERATE_PROPERTY, matches = "true")
  void regenerate() throws IOException {
    Path golden = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", RESOURCE);
    if (!Files.isDirectory(golden.getParent())) {
      throw new IllegalStateException(
          "run from the training module (surefire sets basedir): "
              + golden.getParent()
              + " does not exist");
    }
    clear(golden);
    List<BarSeries> market = market();
    TrainJob.Result r =
        TrainJob.run(
            market.subList(0, TRAINED_ASSETS),
            market.get(0),
            AS_OF_EXCLUSIVE_MS,
            SPEC,
            OPTIONS,
            SEED,
            golden,
            io.liqopt.ml.BundleMetrics.NONE,
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String id = r.manifest().bundleId();
    // the expected numbers are those of the bundle as loaded from disk, the way the test loads it
    BundleStore store = new BundleStore(golden);
    BundleManifest m = store.verify(id, FeatureCalculator.SCHEMA);
    try (MlForecastModel model = MlForecastModel.load(golden.resolve(id), m)) {
      Expected expected =
          new Expected(
              "Forecasts of the golden bundle "
                  + id
                  + " when it was"
                  + " written, at rows of the synthetic market of GoldenBundle.SEED; see README.md",
              id,
              DataFingerprint.of(market),
              forecasts(model, histories(market)));
      JSON.writeValue(golden.resolve(EXPECTED_FILE).toFile(), expected);
    }
    long bytes = size(golden);
    System.out.printf("golden bundle %s written to %s: %.1f KB%n", id, golden, bytes / 1024.0);
    assertTrue(
        bytes < SIZE_BUDGET_BYTES,
        "the golden bundle takes "
            + bytes
            + " bytes, over its "
            + SIZE_BUDGET_BYTES
            + "-byte budget: shrink the data, blocks or network");
  }

  /** Deletes everything the generator wrote (old bundles, LATEST, the expected file). */
  private static void clear(Path golden) throws IOException {
    if (!Files.isDirectory(golden)) {
      Files.createDirectories(golden);
      return;
    }
    List<Path> generated;
    try (Stream<Path> s = Files.list(golden)) {
      generated = s.filter(p -> !HAND_WRITTEN.contains(p.getFileName().toString())).toList();
    }
    for (Path p : generated) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    }
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }
}
