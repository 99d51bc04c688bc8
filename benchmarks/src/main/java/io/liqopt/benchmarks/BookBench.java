package io.liqopt.benchmarks;

import io.liqopt.core.position.PositionBook;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The position book on a tick: one asset's weighted price (price × LT) moves 1 %, and the book
 * finds the positions that entered or left the liquidatable set ({@link PositionBook#update}),
 * against the bare loop: a full scan of the same book held in primitive arrays, computing every
 * health factor. The book: {@code positions} positions over 8 assets, 60 % with one collateral
 * asset, 30 % with two, 10 % with three (assets drawn by a market-cap-like weight: the first asset
 * in 40 % of the holdings); health factors lognormal, median 1.5, log-sd 0.2 (2 % below 1); seed
 * 42. Ticks alternate +1 % and −1 % on assets in turn, so the book stays within its rebase drift.
 * Mode SampleTime gives the percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BookBench {
  static final List<String> ASSETS =
      List.of("BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "ADA", "LTC");
  static final double[] WEIGHTS = {0.40, 0.20, 0.10, 0.08, 0.08, 0.06, 0.04, 0.04};

  @Param({"1000000"})
  public int positions;

  private PositionBook book;
  private double[] w;
  private int tick;

  // the bare loop's book: flattened holdings
  private int[] start;
  private int[] asset;
  private double[] qty;
  private double[] debt;

  @Setup(Level.Trial)
  public void setUp() {
    w = new double[] {60_000, 3_000, 150, 600, 0.6, 0.15, 0.5, 80};
    book = build(positions, w, 42);
  }

  /** A book as the class comment says, and its flattened copy for the bare loop. */
  PositionBook build(int n, double[] weighted, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PositionBook b = new PositionBook(ASSETS, weighted, n);
    start = new int[n + 1];
    List<int[]> as = new ArrayList<>(n);
    List<double[]> qs = new ArrayList<>(n);
    debt = new double[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int k = u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
      int[] a = new int[k];
      double[] q = new double[k];
      List<String> symbols = new ArrayList<>(k);
      double value = 0;
      for (int m = 0; m < k; m++) {
        int j;
        do {
          j = pick(r);
        } while (contains(a, m, j));
        a[m] = j;
        q[m] = r.nextDouble(1_000, 100_000) / weighted[j];
        value += q[m] * weighted[j];
        symbols.add(ASSETS.get(j));
      }
      double hf = 1.5 * Math.exp(0.2 * r.nextGaussian());
      debt[i] = value / hf;
      b.put("pos-" + i, 1, symbols, q, debt[i]);
      as.add(a);
      qs.add(q);
      start[i] = total;
      total += k;
    }
    start[n] = total;
    asset = new int[total];
    qty = new double[total];
    for (int i = 0; i < n; i++) {
      System.arraycopy(as.get(i), 0, asset, start[i], as.get(i).length);
      System.arraycopy(qs.get(i), 0, qty, start[i], qs.get(i).length);
    }
    b.rebase();
    return b;
  }

  private static int pick(SplittableRandom r) {
    double u = r.nextDouble();
    for (int j = 0; j < WEIGHTS.length; j++) {
      u -= WEIGHTS[j];
      if (u < 0) {
        return j;
      }
    }
    return WEIGHTS.length - 1;
  }

  private static boolean contains(int[] a, int m, int j) {
    for (int i = 0; i < m; i++) {
      if (a[i] == j) {
        return true;
      }
    }
    return false;
  }

  private int nextAsset() {
    int t = tick++;
    int j = (t / 2) % ASSETS.size();
    w[j] *= t % 2 == 0 ? 0.99 : 1 / 0.99;
    return j;
  }

  @Benchmark
  public PositionBook.Changes tick() {
    int j = nextAsset();
    return book.update(ASSETS.get(j), w[j]);
  }

  @Benchmark
  public int bareScan() {
    nextAsset();
    int liquidatable = 0;
    for (int i = 0; i < debt.length; i++) {
      double c = 0;
      for (int k = start[i]; k < start[i + 1]; k++) {
        c += qty[k] * w[asset[k]];
      }
      liquidatable += c < debt[i] ? 1 : 0;
    }
    return liquidatable;
  }

  /**
   * Bytes per position: live heap after GC with the book built minus before. Usage: {@code java -cp
   * ... io.liqopt.benchmarks.BookBench [POSITIONS]}.
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long before = liveHeap();
    BookBench b = new BookBench();
    long t0 = System.nanoTime();
    PositionBook book = b.build(n, new double[] {60_000, 3_000, 150, 600, 0.6, 0.15, 0.5, 80}, 42);
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    b.start = null;
    b.asset = null;
    b.qty = null;
    b.debt = null;
    long after = liveHeap();
    System.out.printf(
        "%d positions: built and indexed in %d ms, %.1f bytes per position (live heap %d MB)%n",
        book.size(), buildMs, (after - before) / (double) n, (after - before) >> 20);
  }

  private static long liveHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
