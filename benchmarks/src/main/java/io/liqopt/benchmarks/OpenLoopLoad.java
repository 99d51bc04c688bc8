package io.liqopt.benchmarks;

import io.liqopt.core.stats.Quantiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate (open-loop) load generator, in the manner of wrk2: request {@code i} is due at
 * {@code start + i / rate}; requests are dealt round-robin to a few keep-alive connections, each
 * served by its own thread; a request's latency runs from its <em>intended</em> send time to the
 * end of its response, so that a slow response also counts against the requests it held up (no
 * coordinated omission). Latencies are kept as raw nanoseconds and sorted (no histogram).
 */
final class OpenLoopLoad {
  /**
   * The outcome of one run; immutable (the sorted latency columns are copied on construction).
   * Latencies are intended send → response read, one per completed request; send lags are how late
   * each request left compared to its intended time (timer slack and waiting for the previous
   * response on the same connection).
   */
  static final class Result {
    private final long[] latenciesNs;
    private final long[] sendLagNs;
    private final double seconds;
    private final long errors;

    /**
     * @param latenciesNs sorted
     * @param sendLagNs sorted
     * @param seconds wall time of the run
     * @param errors responses that were not 2xx, plus failed exchanges
     */
    Result(long[] latenciesNs, long[] sendLagNs, double seconds, long errors) {
      this.latenciesNs = latenciesNs.clone();
      this.sendLagNs = sendLagNs.clone();
      this.seconds = seconds;
      this.errors = errors;
    }

    /** Completed requests. */
    int requests() {
      return latenciesNs.length;
    }

    /** Wall time of the run. */
    double seconds() {
      return seconds;
    }

    /** Responses that were not 2xx, plus failed exchanges. */
    long errors() {
      return errors;
    }

    double rate() {
      return latenciesNs.length / seconds;
    }

    double percentileMs(double p) {
      return percentileNs(latenciesNs, p) / 1e6;
    }

    /** The {@code p} percentile of the send lag, milliseconds. */
    double sendLagPercentileMs(double p) {
      return percentileNs(sendLagNs, p) / 1e6;
    }
  }

  private OpenLoopLoad() {}

  /**
   * The {@code p} percentile ({@code p} in 0..100) of a sorted array by the project's one quantile
   * convention ({@link Quantiles}, Hyndman–Fan type 7); NaN when empty.
   */
  static double percentileNs(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : Quantiles.ofSorted(sorted, p / 100.0);
  }

  /**
   * Sends {@code request} at {@code rate} per second for {@code seconds} over {@code conns}
   * connections.
   */
  static Result run(String host, int port, byte[] request, double rate, double seconds, int conns)
      throws IOException, InterruptedException {
    long total = Math.max(1, Math.round(rate * seconds));
    double intervalNs = 1e9 / rate;
    List<HttpConn> connections = new ArrayList<>();
    for (int c = 0; c < conns; c++) {
      connections.add(new HttpConn(host, port));
    }
    long[][] lat = new long[conns][];
    long[][] lag = new long[conns][];
    int[] done = new int[conns];
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime() + 20_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < conns; c++) {
      int ci = c;
      int mine = (int) ((total - c + conns - 1) / conns);
      lat[c] = new long[mine];
      lag[c] = new long[mine];
      Thread t =
          new Thread(
              () -> {
                HttpConn conn = connections.get(ci);
                int k = 0;
                for (long i = ci; i < total; i += conns) {
                  long due = start + (long) (i * intervalNs);
                  long now;
                  while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                  }
                  try {
                    int status = conn.exchange(request, null);
                    long end = System.nanoTime();
                    if (status / 100 != 2) {
                      errors.incrementAndGet();
                    }
                    lat[ci][k] = end - due;
                    lag[ci][k] = now - due;
                    k++;
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    break;
                  }
                }
                done[ci] = k;
              },
              "open-loop-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    for (HttpConn c : connections) {
      c.close();
    }
    return new Result(merge(lat, done), merge(lag, done), elapsed, errors.get());
  }

  private static long[] merge(long[][] parts, int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    long[] all = new long[n];
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      System.arraycopy(parts[i], 0, all, at, counts[i]);
      at += counts[i];
    }
    Arrays.sort(all);
    return all;
  }
}
