package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecast cache gives back exactly what it was given, and nothing it was not. */
class ForecastCacheTest {
  private static final ForecastSpec SPEC = ForecastSpec.defaults();
  private static final Policies.WalkForward WF = new Policies.WalkForward(40, 20, 24);
  private static final long SEED = 42;

  private static BarSeries factor;
  private static List<AssetHistory> histories;
  private static WalkForwardForecasts forecasts;
  private static String key;

  @TempDir Path dir;

  @BeforeAll
  static void computeOnce() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.4, 11));
    factor = market.get(0);
    histories = market.stream().map(s -> AssetHistory.of(s, factor)).toList();
    forecasts = compute(new EwmaForecaster(), histories);
    key = ForecastCache.key(histories, forecasts.recipe());
  }

  @Test
  void roundTrip_ewmaForecasts_equalRecordsNullRowsIncluded() throws IOException {
    Path file = ForecastCache.file(dir, "ewma", key);
    long t0 = System.nanoTime();
    ForecastCache.write(file, key, forecasts);
    long t1 = System.nanoTime();
    WalkForwardForecasts back = readOrFail(file, key, histories);
    long t2 = System.nanoTime();
    System.out.printf(
        "forecast cache: %d rows, %d bytes, written in %.0f ms, read in %.0f ms%n",
        totalRows(forecasts), Files.size(file), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    assertSameForecasts(forecasts, back);
    long present = 0;
    for (String s : forecasts.symbols()) {
      for (int r = 0; r < forecasts.size(s); r++) {
        present += forecasts.at(s, r) == null ? 0 : 1;
      }
    }
    assertTrue(present > 0 && present < totalRows(forecasts), "some rows with, some without");
  }

  @Test
  void roundTrip_mixedVersionsLevelsAndSignedZero_equalRecords() throws IOException {
    double[][] levels = {QuantileCurve.standardLevels(), {0.1, 0.5, 0.9}, {0.99}};
    Map<String, AssetForecast[]> rows = new LinkedHashMap<>();
    Random random = new Random(7);
    for (AssetHistory h : histories) {
      AssetForecast[] a = new AssetForecast[h.size()];
      for (int r = 0; r < a.length; r += 1 + random.nextInt(3)) {
        double[] l = levels[random.nextInt(levels.length)];
        double[] v = new double[l.length];
        v[0] = random.nextBoolean() ? -0.0 : 0.0;
        for (int k = 1; k < v.length; k++) {
          v[k] = v[k - 1] + random.nextDouble() * 0.01;
        }
        QuantileCurve curve = QuantileCurve.of(l, v);
        List<HorizonForecast> horizons = new ArrayList<>();
        for (int hours : random.nextBoolean() ? List.of(24) : List.of(1, 4, 24)) {
          horizons.add(new HorizonForecast(hours, random.nextDouble() + 1e-9, curve, curve));
        }
        String version = "model-" + random.nextInt(4) + "-é";
        a[r] =
            new AssetForecast(
                h.symbol(), h.series().openTimeMs(r), version, horizons, 0.1, 24, 0.5);
      }
      rows.put(h.symbol(), a);
    }
    WalkForwardForecasts made = new WalkForwardForecasts("hand-made;é", rows);
    String k = ForecastCache.key(histories, made.recipe());
    Path file = ForecastCache.file(dir, "hand made/1", k);
    assertEquals("hand_made_1-" + k.substring(0, 16) + ".forecasts", file.getFileName().toString());
    ForecastCache.write(file, k, made);
    WalkForwardForecasts back = readOrFail(file, k, histories);
    assertSameForecasts(made, back);
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(firstLowestQuantile(back, -0.0)),
        "a negative zero stays negative");
  }

  @Test
  void key_anyChangeOfDataOrRecipe_anotherKey() {
    assertEquals(key, ForecastCache.key(histories, forecasts.recipe()), "deterministic");
    List<BarSeries> again =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.4, 11));
    assertEquals(
        key,
        ForecastCache.key(
            again.stream().map(s -> AssetHistory.of(s, again.get(0))).toList(), forecasts.recipe()),
        "rebuilt from the same data");
    assertNotEquals(key, ForecastCache.key(histories, forecasts.recipe() + ";x"));
    BarSeries asset = histories.get(1).series();
    List<AssetHistory> changedBar =
        List.of(
            histories.get(0),
            AssetHistory.of(NoLookAheadTest.halveFrom(asset, asset.size() - 1), factor),
            histories.get(2));
    assertNotEquals(key, ForecastCache.key(changedBar, forecasts.recipe()));
    List<AssetHistory> otherFactor =
        List.of(
            histories.get(0), AssetHistory.of(asset, histories.get(2).series()), histories.get(2));
    assertNotEquals(key, ForecastCache.key(otherFactor, forecasts.recipe()), "market factor");
    assertNotEquals(key, ForecastCache.key(histories.subList(0, 2), forecasts.recipe()));
  }

  @Test
  void read_damagedOrForeignFiles_emptyWithReason() throws IOException {
    Path file = dir.resolve("good.forecasts");
    ForecastCache.write(file, key, forecasts);
    byte[] good = Files.readAllBytes(file);
    Map<String, byte[]> bad = new LinkedHashMap<>();
    for (int cut : new int[] {0, 3, 8, 20, good.length / 2, good.length - 1}) {
      bad.put("truncated to " + cut, Arrays.copyOf(good, cut));
    }
    for (int at : new int[] {9, 20, good.length / 3, good.length / 2, good.length - 1}) {
      byte[] b = good.clone();
      b[at] ^= 0x10;
      bad.put("byte " + at + " flipped", b);
    }
    byte[] garbage = new byte[5000];
    new Random(3).nextBytes(garbage);
    bad.put("garbage", garbage);
    byte[] version = good.clone();
    version[7] = 9;
    bad.put("another format version", version);
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    bad.put("a stray byte at the end", longer);
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      Files.write(file, e.getValue());
      assertUnusable(file, key, histories, e.getKey());
    }
    ForecastCache.write(file, key, forecasts);
    assertUnusable(file, ForecastCache.key(histories, "other"), histories, "another key");
    List<AssetHistory> shorter =
        List.of(
            histories.get(0),
            histories.get(1).before(histories.get(1).series().lastOpenTimeMs()),
            histories.get(2));
    assertUnusable(file, key, shorter, "another row count");
    assertUnusable(file, key, histories.subList(0, 2), "fewer assets");
  }

  @Test
  void read_absentFile_emptyWithoutNote() throws IOException {
    List<String> notes = new ArrayList<>();
    assertTrue(ForecastCache.read(dir.resolve("none"), key, histories, notes::add).isEmpty());
    assertEquals(List.of(), notes);
  }

  @Test
  void write_existingFile_replacedAtomicallyNoTempLeft() throws IOException {
    Path file = ForecastCache.file(dir.resolve("a/b"), "ewma", key);
    ForecastCache.write(file, key, new WalkForwardForecasts("first", Map.of()));
    ForecastCache.write(file, key, forecasts);
    assertSameForecasts(forecasts, readOrFail(file, key, histories));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void computeOrRead_secondRun_readsWithoutFitting() {
    CountingForecaster counting = new CountingForecaster(new EwmaForecaster());
    List<String> first = new ArrayList<>();
    WalkForwardForecasts a =
        ForecastCache.computeOrRead(dir, counting, SPEC, WF, histories, SEED, 0, first::add);
    int fits = counting.fits.get();
    assertTrue(fits > 0);
    assertTrue(
        first.stream().anyMatch(l -> l.startsWith("forecasts: ewma written to ")), "" + first);
    List<String> second = new ArrayList<>();
    WalkForwardForecasts b =
        ForecastCache.computeOrRead(dir, counting, SPEC, WF, histories, SEED, 0, second::add);
    assertEquals(fits, counting.fits.get(), "nothing refitted");
    assertEquals(1, second.size(), "" + second);
    assertTrue(second.get(0).startsWith("forecasts: ewma read from "), second.get(0));
    assertSameForecasts(a, b);
    assertSameForecasts(forecasts, b);
    ForecastCache.computeOrRead(dir, counting, SPEC, WF, histories, SEED + 1, 0, line -> {});
    assertEquals(2 * fits, counting.fits.get(), "another seed, another key");
    ForecastCache.computeOrRead(null, counting, SPEC, WF, histories, SEED, 0, line -> {});
    assertEquals(3 * fits, counting.fits.get(), "no cache folder, no cache");
  }

  @Test
  void computeOrRead_corruptCache_noteAndRecompute() throws IOException {
    Path file = ForecastCache.file(dir, "ewma", key);
    Files.write(file, new byte[] {1, 2, 3});
    CountingForecaster counting = new CountingForecaster(new EwmaForecaster());
    List<String> lines = new ArrayList<>();
    WalkForwardForecasts a =
        ForecastCache.computeOrRead(dir, counting, SPEC, WF, histories, SEED, 0, lines::add);
    assertTrue(counting.fits.get() > 0);
    assertTrue(lines.get(0).startsWith("forecasts: ewma not read ("), lines.get(0));
    assertSameForecasts(forecasts, a);
    assertSameForecasts(forecasts, readOrFail(file, key, histories));
  }

  private static WalkForwardForecasts compute(Forecaster f, List<AssetHistory> h) {
    return WalkForwardForecasts.compute(f, SPEC, WF, h, SEED, 0, line -> {});
  }

  private static WalkForwardForecasts readOrFail(Path file, String k, List<AssetHistory> h)
      throws IOException {
    List<String> notes = new ArrayList<>();
    Optional<WalkForwardForecasts> read = ForecastCache.read(file, k, h, notes::add);
    assertTrue(read.isPresent(), "read back: " + notes);
    assertEquals(List.of(), notes);
    return read.get();
  }

  private static void assertUnusable(Path file, String k, List<AssetHistory> h, String what)
      throws IOException {
    List<String> notes = new ArrayList<>();
    assertFalse(ForecastCache.read(file, k, h, notes::add).isPresent(), what);
    assertEquals(1, notes.size(), what + ": " + notes);
    assertFalse(notes.get(0).contains("\n"), what + ": one line");
    System.out.println("forecast cache, " + what + ": " + notes.get(0));
  }

  static void assertSameForecasts(WalkForwardForecasts a, WalkForwardForecasts b) {
    assertEquals(a.recipe(), b.recipe());
    assertEquals(List.copyOf(a.symbols()), List.copyOf(b.symbols()));
    for (String s : a.symbols()) {
      assertEquals(a.size(s), b.size(s), s);
      for (int r = 0; r < a.size(s); r++) {
        assertEquals(a.at(s, r), b.at(s, r), s + " row " + r);
      }
    }
  }

  private static long totalRows(WalkForwardForecasts f) {
    return f.symbols().stream().mapToLong(f::size).sum();
  }

  private static double firstLowestQuantile(WalkForwardForecasts f, double like) {
    for (String s : f.symbols()) {
      for (int r = 0; r < f.size(s); r++) {
        AssetForecast a = f.at(s, r);
        if (a != null) {
          double v = a.horizons().get(0).longAdverseMove().value(0);
          if (Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(like)) {
            return v;
          }
        }
      }
    }
    return Double.NaN;
  }

  /** Counts the fits of the forecaster it wraps. */
  private static final class CountingForecaster implements Forecaster {
    private final Forecaster inner;
    private final AtomicInteger fits = new AtomicInteger();

    CountingForecaster(Forecaster inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public ForecastModel fit(TrainingSet data) {
      fits.incrementAndGet();
      return inner.fit(data);
    }
  }
}
