package io.liqopt.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The machine's own jitter for pure arithmetic: the same register-bound loop (a 64-bit LCG, no
 * memory, no allocation, no system call) timed many times on one thread. Its p99/p50 says how much
 * of a latency tail the CPU alone can give; a service's tail well beyond it comes from memory,
 * scheduling, collections or the network. {@code java -cp ... io.liqopt.benchmarks.CpuJitter
 * [ITERATIONS] [REPEATS]} (20 000 000 and 500 by default: about 33 ms a repeat on the 2-core test
 * machine).
 */
public final class CpuJitter {
  private CpuJitter() {}

  /** {@code n} steps of a 64-bit LCG with an xorshift, so that the JIT cannot fold the loop. */
  static long work(long seed, int n) {
    long h = seed;
    for (int i = 0; i < n; i++) {
      h = h * 6364136223846793005L + 1442695040888963407L;
      h ^= h >>> 29;
    }
    return h;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    if (n < 1 || repeats < 1) {
      System.err.println("cpu-jitter: ITERATIONS and REPEATS must be positive");
      System.exit(2);
    }
    long sink = 0;
    for (int i = 0; i < 50; i++) { // warm-up: compiled before it is timed
      sink += work(i, n);
    }
    long[] t = new long[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      sink += work(r, n);
      t[r] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    double p50 = OpenLoopLoad.percentileNs(t, 50) / 1e6;
    double p99 = OpenLoopLoad.percentileNs(t, 99) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "cpu-jitter: %d repeats of %d steps: p50 %.2f ms, p99 %.2f ms, max %.2f ms, p99/p50 %.3f"
            + " (checksum %d)%n",
        repeats,
        n,
        p50,
        p99,
        t[repeats - 1] / 1e6,
        p99 / p50,
        sink & 0xff);
  }
}
