package io.liqopt.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Dates given on the command line. */
final class CliDates {
  private CliDates() {}

  /**
   * The start (00:00 UTC) of the day {@code value} (YYYY-MM-DD), in epoch ms.
   *
   * @param option the option's name, for the usage error
   * @throws UsageException when it is not such a date
   */
  static long startOfDayUtc(String value, String option) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be a date YYYY-MM-DD, was '" + value + "'");
    }
  }
}
