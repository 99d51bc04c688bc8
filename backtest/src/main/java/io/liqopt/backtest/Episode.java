package io.liqopt.backtest;

import java.time.Instant;
import java.util.List;

/**
 * A stress episode of the crypto market, reported apart.
 *
 * @param name what happened
 * @param fromMs start (inclusive)
 * @param toMs end (exclusive)
 */
public record Episode(String name, long fromMs, long toMs) {

  /**
   * The episodes of the data's span: COVID, May 2021, LUNA, FTX, August 2024, October 2025 (the
   * largest liquidation day on record, 10–11 October 2025).
   */
  public static final List<Episode> KNOWN =
      List.of(
          of("COVID crash (12 Mar 2020)", "2020-03-08", "2020-03-20"),
          of("May 2021 crash (19 May 2021)", "2021-05-12", "2021-05-26"),
          of("LUNA/UST collapse (May 2022)", "2022-05-05", "2022-05-20"),
          of("FTX collapse (Nov 2022)", "2022-11-05", "2022-11-18"),
          of("Yen carry unwind (5 Aug 2024)", "2024-08-01", "2024-08-10"),
          of("October 2025 cascade (10-11 Oct 2025)", "2025-10-08", "2025-10-16"));

  static Episode of(String name, String from, String to) {
    return new Episode(
        name,
        Instant.parse(from + "T00:00:00Z").toEpochMilli(),
        Instant.parse(to + "T00:00:00Z").toEpochMilli());
  }

  public boolean contains(long timeMs) {
    return timeMs >= fromMs && timeMs < toMs;
  }
}
