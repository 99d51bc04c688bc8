package io.liqopt.cli;

import io.liqopt.core.market.BarInterval;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 1h}-style intervals for picocli (a bad value is a usage error). */
final class IntervalConverter implements ITypeConverter<BarInterval> {
  @Override
  public BarInterval convert(String value) {
    try {
      return BarInterval.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
