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
          if (!base.sameBar(i, incoming, j)) {
            throw new BarRejectedException(
                BarDefect.CONFLICTING_DUPLICATE,
                "conflicting bars at "
                    + Instant.ofEpochMilli(tb)
                    + ": stored "
                    + base.bar(i)
                    + " vs incoming "
                    + incoming.bar(j),
                j);
          }
          duplicates++;
          j++;
          continue;
        }
        takeBase = tb < ti;
      }
      if (takeBase) {
        b.append(
            base.openTimeMs(i),
            base.open(i),
            base.high(i),
            base.low(i),
            base.close(i),
            base.volume(i),
            base.quoteVolume(i));
        i++;
      } else {
        try {
          b.append(
              incoming.openTimeMs(j),
              incoming.open(j),
              incoming.high(j),
              incoming.low(j),
              incoming.close(j),
              incoming.volume(j),
              incoming.quoteVolume(j));
        } catch (BarRejectedException e) {
          throw new BarRejectedException(
              e.defect(),
              "incoming bar at "
                  + Instant.ofEpochMilli(incoming.openTimeMs(j))
                  + ": "
                  + e.getMessage(),
              j);
        }
        added++;
        j++;
      }
    }
    return new SeriesMerge(b.build(), added, duplicates);
  }
}
