package io.liqopt.backtest;

import java.util.Arrays;

/**
 * Growable columns of liquidation events, filled during one run and turned into {@link
 * AssetRun.Events} at its end. Amortised allocation-free (the columns double when full).
 */
final class EventLog {
  private long[] time = new long[64];
  private double[] repay = new double[64];
  private double[] bad = new double[64];
  private double[] pen = new double[64];
  private boolean[] partial = new boolean[64];
  private double[] price = new double[64];
  private int size;

  void add(long t, double r, double b, double p, boolean part, double px) {
    if (size == time.length) {
      int cap = size * 2;
      time = Arrays.copyOf(time, cap);
      repay = Arrays.copyOf(repay, cap);
      bad = Arrays.copyOf(bad, cap);
      pen = Arrays.copyOf(pen, cap);
      partial = Arrays.copyOf(partial, cap);
      price = Arrays.copyOf(price, cap);
    }
    time[size] = t;
    repay[size] = r;
    bad[size] = b;
    pen[size] = p;
    partial[size] = part;
    price[size] = px;
    size++;
  }

  AssetRun.Events build() {
    return new AssetRun.Events(time, repay, bad, pen, partial, price, size);
  }
}
