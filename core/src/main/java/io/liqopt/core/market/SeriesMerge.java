package io.liqopt.core.market;

import java.time.Instant;

/**
 * The union of two series of the same symbol and interval, by open time, under the duplicate rules
 * of {@link BarSeriesBuilder}: a bar present in both with bit-identical values is kept once and
 * counted; a bar present in both with different values is an error naming both.
 *
 * @param series the merged series
 * @param added bars of {@code incoming} that were not in {@code base}
 * @param duplicates bars of {@code incoming} already in {@code base} with identical values
 */
public record SeriesMerge(BarSeries series, int added, int duplicates) {

  /**
   * Merges {@code incoming} into {@code base}.
   *
   * @throws BarRejectedException with {@link BarDefect#CONFLICTING_DUPLICATE} and the index of the
   *     clashing bar in {@code incoming}, or {@link BarDefect#BAD_BAR_LENGTH} when the two series
   *     lie on different grids
   */
  public static SeriesMerge of(BarSeries base, BarSeries incoming) {
    requireSameGrid(base, incoming);
    if (base.isEmpty()) {
      return new SeriesMerge(incoming, incoming.size(), 0);
    }
    if (incoming.isEmpty()) {
      return new SeriesMerge(base, 0, 0);
    }
    BarSeriesBuilder b =
        new BarSeriesBuilder(base.symbol(), base.interval(), base.size() + incoming.size());
    int i = 0;
    int j = 0;
    int added = 0;
    int duplicates = 0;
    while (i < base.size() || j < incoming.size()) {
      boolean takeBase;
      if (i == base.size()) {
        takeBase = false;
      } else if (j == incoming.size()) {
        takeBase = true;
      } else {
        long tb = base.openTimeMs(i);
        long ti = incoming.openTimeMs(j);
        if (tb == ti) {
          requireSameBar(base, i, incoming, j);
          duplicates++;
          j++;
          continue;
        }
        takeBase = tb < ti;
      }
      if (takeBase) {
        append(b, base, i);
        i++;
      } else {
        appendIncoming(b, incoming, j);
        added++;
        j++;
      }
    }
    return new SeriesMerge(b.build(), added, duplicates);
  }

  /** Refuses to merge series of different symbols or intervals. */
  private static void requireSameGrid(BarSeries base, BarSeries incoming) {
    if (!base.symbol().equals(incoming.symbol()) || base.interval() != incoming.interval()) {
      throw new IllegalArgumentException(
          "cannot merge "
              + incoming.symbol()
              + " "
              + incoming.interval()
              + " into "
              + base.symbol()
              + " "
              + base.interval());
    }
  }

  /**
   * Checks that bar {@code j} of {@code incoming}, at the open time of bar {@code i} of {@code
   * base}, is a bit-identical duplicate.
   *
   * @throws BarRejectedException with {@link BarDefect#CONFLICTING_DUPLICATE} naming both bars
   */
  private static void requireSameBar(BarSeries base, int i, BarSeries incoming, int j) {
    if (!base.sameBar(i, incoming, j)) {
      throw new BarRejectedException(
          BarDefect.CONFLICTING_DUPLICATE,
          "conflicting bars at "
              + Instant.ofEpochMilli(base.openTimeMs(i))
              + ": stored "
              + base.bar(i)
              + " vs incoming "
              + incoming.bar(j),
          j);
    }
  }

  /** Appends bar {@code i} of {@code s} to {@code b}. */
  private static void append(BarSeriesBuilder b, BarSeries s, int i) {
    b.append(
        s.openTimeMs(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i), s.quoteVolume(i));
  }

  /**
   * Appends bar {@code j} of {@code incoming}; a rejection (the bar off the base's grid, say) is
   * rethrown with the bar's time and its index in {@code incoming}.
   */
  private static void appendIncoming(BarSeriesBuilder b, BarSeries incoming, int j) {
    try {
      append(b, incoming, j);
    } catch (BarRejectedException e) {
      throw new BarRejectedException(
          e.defect(),
          "incoming bar at " + Instant.ofEpochMilli(incoming.openTimeMs(j)) + ": " + e.getMessage(),
          j);
    }
  }
}
