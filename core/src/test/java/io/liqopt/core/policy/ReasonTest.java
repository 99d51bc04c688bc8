package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasonTest {

  @Test
  void aFormattedDetailIsMadeWhenRead() {
    Reason r = Reason.formatted(ReasonCode.QUANTILE_THRESHOLD, "X = %.3f over %d h", 0.12345, 24);
    assertEquals("X = 0.123 over 24 h", r.detail());
    assertEquals(new Reason(ReasonCode.QUANTILE_THRESHOLD, "X = 0.123 over 24 h"), r);
  }

  @Test
  void aBlankDetailIsTheCodesDescription() {
    assertEquals(
        ReasonCode.FORECAST_USED.description(),
        Reason.formatted(ReasonCode.FORECAST_USED, "%s", "").detail());
    assertEquals(
        ReasonCode.FORECAST_USED.description(), new Reason(ReasonCode.FORECAST_USED, " ").detail());
  }

  @Test
  void aFormatItsArgumentsDoNotFitNeverThrows() {
    // %d of a double: String.format would throw IllegalFormatConversionException
    Reason r = Reason.formatted(ReasonCode.QUANTILE_THRESHOLD, "X = %d", 0.5);
    String d = r.detail();
    assertTrue(d.startsWith(ReasonCode.QUANTILE_THRESHOLD.description()), d);
    assertTrue(d.contains("X = %d") && d.contains("0.5"), d);
    // a missing argument
    String missing = Reason.formatted(ReasonCode.FORECAST_USED, "%s and %s", "x").detail();
    assertTrue(missing.contains("[unformatted: %s and %s [x]]"), missing);
  }
}
