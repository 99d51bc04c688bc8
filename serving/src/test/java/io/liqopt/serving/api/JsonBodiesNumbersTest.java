package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's mapper reads and writes doubles with the fast (Schubfach, FastDoubleParser) code.
 */
class JsonBodiesNumbersTest {
  /** A record as the responses are written. */
  record Holder(double value) {}

  @Test
  void anyFiniteDouble_writtenAndReadBack_isTheSameDouble() {
    qt().withExamples(20_000)
        .withFixedSeed(7L)
        .forAll(longs().all())
        .assuming(bits -> Double.isFinite(Double.longBitsToDouble(bits)))
        .checkAssert(
            bits -> {
              double v = Double.longBitsToDouble(bits);
              String json = write(new Holder(v));
              assertEquals(
                  Double.doubleToRawLongBits(v),
                  Double.doubleToRawLongBits(read(json).value()),
                  json);
            });
  }

  @Test
  void knownValues_shortestDecimal() {
    for (double v : List.of(0.1, 1.5, 2.0E-5, 1.0E22, 0.8123456789012345, -0.0, 4.9E-324)) {
      assertEquals("{\"value\":" + Double.toString(v) + "}", write(new Holder(v)));
    }
  }

  private static String write(Holder h) {
    try {
      return JsonBodies.MAPPER.writeValueAsString(h);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Holder read(String json) {
    try {
      return JsonBodies.MAPPER.readValue(json, Holder.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
