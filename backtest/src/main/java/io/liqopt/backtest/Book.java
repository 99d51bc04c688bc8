package io.liqopt.backtest;

import java.util.Arrays;

/**
 * The open positions of a simulated lending book, in columns: slot {@code i} is open for {@code i <
 * size}. The simulator scans every slot every hour, so the columns are plain arrays read in place;
 * they grow by doubling and are reused from run to run (one book per {@link Simulator}, not
 * thread-safe).
 */
final class Book {
  /** Collateral quantity. */
  double[] qty = new double[256];

  /** Debt, quote currency. */
  double[] debt = new double[256];

  /** The row at which the borrower repays or walks away. */
  int[] endRow = new int[256];

  /** The row at which a liquidator acts on the position, or -1 when it is not liquidatable. */
  int[] pendingRow = new int[256];

  /** The cascade generation of the pending liquidation (see {@link Simulator}). */
  int[] generation = new int[256];

  /** The row at which a warned borrower tops up, or -1. */
  int[] reactRow = new int[256];

  /** Whether the borrower has been warned in the current episode below the warning HF. */
  boolean[] warned = new boolean[256];

  /** The position's number within the run. */
  long[] ids = new long[256];

  /** Open positions. */
  int size;

  /** Empties the book (the columns are kept for the next run). */
  void clear() {
    size = 0;
  }

  /** Opens a position in the next slot. */
  void add(long id, double quantity, double debtQuote, int end) {
    if (size == qty.length) {
      int cap = size * 2;
      qty = Arrays.copyOf(qty, cap);
      debt = Arrays.copyOf(debt, cap);
      endRow = Arrays.copyOf(endRow, cap);
      pendingRow = Arrays.copyOf(pendingRow, cap);
      generation = Arrays.copyOf(generation, cap);
      reactRow = Arrays.copyOf(reactRow, cap);
      warned = Arrays.copyOf(warned, cap);
      ids = Arrays.copyOf(ids, cap);
    }
    qty[size] = quantity;
    debt[size] = debtQuote;
    endRow[size] = end;
    pendingRow[size] = -1;
    generation[size] = 0;
    reactRow[size] = -1;
    warned[size] = false;
    ids[size] = id;
    size++;
  }

  /** Closes slot {@code i} by moving the last one into it (the caller revisits slot i). */
  void remove(int i) {
    int last = --size;
    qty[i] = qty[last];
    debt[i] = debt[last];
    endRow[i] = endRow[last];
    pendingRow[i] = pendingRow[last];
    generation[i] = generation[last];
    reactRow[i] = reactRow[last];
    warned[i] = warned[last];
    ids[i] = ids[last];
  }
}
