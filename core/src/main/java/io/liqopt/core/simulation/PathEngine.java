package io.liqopt.core.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Filtered historical simulation with a block bootstrap: each path is a run of blocks of
 * consecutive historical hours, drawn uniformly, whose standardised residuals are rescaled by each
 * asset's current hourly volatility (from any forecast: a baseline or the ML bundle). Blocks keep
 * volatility clustering within a path; drawing the same hours for every asset keeps their
 * dependence, and its rise in crashes. Seeded and reproducible whatever the number of threads (each
 * chunk of paths has its own split of the seed); primitive arrays; chunks run in parallel.
 *
 * <p>Path p, hour h, asset a: {@code logClose = Σ_{i ≤ h} σ_a z_a(t_i)}, {@code logLow_h =
 * logClose_{h−1} + σ_a ℓ_a(t_h)}, with (z, ℓ) the residuals of {@link Residuals} at the drawn
 * historical hour t_h.
 */
public final class PathEngine {
  /**
   * Paths per chunk: each chunk draws from its own split of the seed, so chunks drawn apart (in
   * parallel here, or as blocks on other workers) give the same paths.
   */
  public static final int CHUNK = 4096;

  private PathEngine() {}

  /** The chunks of {@link #CHUNK} paths that {@code paths} paths are drawn in. */
  public static int chunks(int paths) {
    return (paths + CHUNK - 1) / CHUNK;
  }

  /**
   * Simulates.
   *
   * @param residuals the history to draw from (all assets on the same hours)
   * @param hourlyVolatility the current volatility of one hour of each asset, in the order of
   *     {@code residuals.symbols()}: e.g. {@code sqrt(variance_24h / 24)} of a forecast
   * @param paths number of paths
   * @param hours H, hours per path
   * @param blockHours length of the bootstrap blocks (24 keeps a day's clustering)
   * @param seed the seed
   */
  public static Paths simulate(
      Residuals residuals,
      double[] hourlyVolatility,
      int paths,
      int hours,
      int blockHours,
      long seed) {
    check(residuals, hourlyVolatility, paths, hours, blockHours);
    Paths.Builder out = new Paths.Builder(residuals.symbols(), paths, hours);
    generate(
        residuals,
        hourlyVolatility,
        paths,
        hours,
        blockHours,
        seed,
        0,
        chunks(paths),
        () ->
            new CellSink() {
              @Override
              public void set(int a, int p, int h, double logClose, double logLow) {
                out.set(a, p, h, logClose, logLow);
              }

              @Override
              public void pathDone(int p) {}
            });
    return out.build(null);
  }

  /**
   * Receives each simulated path's log lows as it is drawn, without the whole set ever being held
   * (a stress of 47 000 paths × 168 h would otherwise hold 126 MB per asset): the same paths, in
   * the same order of draws, as {@link #simulate} with the same arguments.
   */
  @FunctionalInterface
  public interface LowsSink {
    /**
     * Path {@code p}'s log lows, {@code logLow[asset][hour]}; the array is reused once this
     * returns. Called from several threads at once, for distinct paths.
     */
    void path(int p, double[][] logLow);
  }

  /** As {@link #simulate}, each path's log lows handed to {@code sink} instead of kept. */
  public static void simulateLows(
      Residuals residuals,
      double[] hourlyVolatility,
      int paths,
      int hours,
      int blockHours,
      long seed,
      LowsSink sink) {
    simulateLows(
        residuals, hourlyVolatility, paths, hours, blockHours, seed, 0, chunks(paths), sink);
  }

  /**
   * As above, only the paths of chunks {@code fromChunk} (inclusive) to {@code toChunk} (exclusive)
   * of the {@code paths}: a block of the same draws, so that blocks drawn apart make up the whole.
   *
   * @throws IllegalArgumentException when the chunks are not within {@link #chunks chunks(paths)}
   */
  public static void simulateLows(
      Residuals residuals,
      double[] hourlyVolatility,
      int paths,
      int hours,
      int blockHours,
      long seed,
      int fromChunk,
      int toChunk,
      LowsSink sink) {
    check(residuals, hourlyVolatility, paths, hours, blockHours);
    if (fromChunk < 0 || toChunk > chunks(paths) || fromChunk > toChunk) {
      throw new IllegalArgumentException(
          "chunks " + fromChunk + ".." + toChunk + " outside 0.." + chunks(paths));
    }
    int k = residuals.symbols().size();
    generate(
        residuals,
        hourlyVolatility,
        paths,
        hours,
        blockHours,
        seed,
        fromChunk,
        toChunk,
        () -> {
          double[][] lows = new double[k][hours]; // one per chunk, reused path after path
          return new CellSink() {
            @Override
            public void set(int a, int p, int h, double logClose, double logLow) {
              lows[a][h] = logLow;
            }

            @Override
            public void pathDone(int p) {
              sink.path(p, lows);
            }
          };
        });
  }

  /** Where {@link #generate} writes one chunk's cells. */
  private interface CellSink {
    void set(int a, int p, int h, double logClose, double logLow);

    void pathDone(int p);
  }

  private static void check(
      Residuals residuals, double[] hourlyVolatility, int paths, int hours, int blockHours) {
    int k = residuals.symbols().size();
    if (hourlyVolatility.length != k) {
      throw new IllegalArgumentException("one volatility per asset: " + k + " expected");
    }
    for (double s : hourlyVolatility) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("hourly volatility must be positive and finite: " + s);
      }
    }
    if (paths < 1 || hours < 1 || blockHours < 1) {
      throw new IllegalArgumentException("paths, hours and blockHours must be positive");
    }
  }

  /**
   * The draws of chunks {@code fromChunk..toChunk − 1}: in parallel, each with its own split of the
   * seed (the c-th split whatever the range).
   */
  private static void generate(
      Residuals residuals,
      double[] hourlyVolatility,
      int paths,
      int hours,
      int blockHours,
      long seed,
      int fromChunk,
      int toChunk,
      java.util.function.Supplier<CellSink> sinks) {
    int k = residuals.symbols().size();
    int n = residuals.size();
    int block = Math.min(blockHours, n);
    SplittableRandom root = new SplittableRandom(seed);
    long[] chunkSeeds = new long[toChunk];
    for (int c = 0; c < toChunk; c++) {
      chunkSeeds[c] = root.nextLong();
    }
    IntStream.range(fromChunk, toChunk)
        .parallel()
        .forEach(
            c -> {
              CellSink out = sinks.get();
              SplittableRandom rng = new SplittableRandom(chunkSeeds[c]);
              int from = c * CHUNK;
              int to = Math.min(paths, from + CHUNK);
              double[] level = new double[k];
              for (int p = from; p < to; p++) {
                java.util.Arrays.fill(level, 0);
                int t = 0;
                int left = 0;
                for (int h = 0; h < hours; h++) {
                  if (left == 0) {
                    t = rng.nextInt(n - block + 1);
                    left = block;
                  }
                  for (int a = 0; a < k; a++) {
                    double sd = hourlyVolatility[a];
                    double lowLevel = level[a] + sd * residuals.low(a, t);
                    level[a] += sd * residuals.close(a, t);
                    out.set(a, p, h, level[a], Math.min(lowLevel, level[a]));
                  }
                  t++;
                  left--;
                }
                out.pathDone(p);
              }
            });
  }

  /**
   * The historical windows themselves, unscaled: one path per start hour (every {@code stride}
   * hours) whose H following hours are all in the residual history. For stress scenarios: the worst
   * of these is the worst the assets did together.
   */
  public static Paths replay(Residuals residuals, int hours, int stride) {
    int k = residuals.symbols().size();
    List<Integer> starts = new ArrayList<>();
    long hourMs = 3_600_000L;
    for (int s = 0; s + hours <= residuals.size(); s += stride) {
      if (residuals.timeMs(s + hours - 1) - residuals.timeMs(s) == (hours - 1) * hourMs) {
        starts.add(s);
      }
    }
    int paths = starts.size();
    Paths.Builder out = new Paths.Builder(residuals.symbols(), paths, hours);
    long[] startMs = new long[paths];
    for (int p = 0; p < paths; p++) {
      int s = starts.get(p);
      startMs[p] = residuals.timeMs(s);
      for (int a = 0; a < k; a++) {
        double level = 0;
        for (int h = 0; h < hours; h++) {
          double lowLevel = level + residuals.rawLow(a, s + h);
          level += residuals.rawClose(a, s + h);
          out.set(a, p, h, level, Math.min(lowLevel, level));
        }
      }
    }
    return out.build(startMs);
  }
}
