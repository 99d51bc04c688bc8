package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact item's hand-written serialiser writes what the record's own fields say. */
class CompactOutcomeWriterTest {

  /**
   * The oracle: the service's mapper with the hand-written serialiser switched off, so Jackson's
   * own record serialiser (with the record's NON_NULL inclusion) writes the item.
   */
  private static final ObjectMapper RECORD_SERIALISER =
      JsonBodies.MAPPER
          .copy()
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public Object findSerializer(Annotated a) {
                  return a.getRawType() == PositionResponses.CompactOutcome.class
                      ? null
                      : super.findSerializer(a);
                }
              });

  private static String expected(PositionResponses.CompactOutcome o) throws Exception {
    return RECORD_SERIALISER.writeValueAsString(o);
  }

  @Test
  void theOracleIsTheRecordSerialiser() throws Exception {
    Object serializer =
        RECORD_SERIALISER
            .getSerializerProviderInstance()
            .findValueSerializer(PositionResponses.CompactOutcome.class);
    assertFalse(serializer instanceof CompactOutcomeWriter, serializer.getClass().getName());
  }

  @Test
  void theMapperUsesIt() throws Exception {
    assertInstanceOf(
        CompactOutcomeWriter.class,
        JsonBodies.MAPPER
            .getSerializerProviderInstance()
            .findValueSerializer(PositionResponses.CompactOutcome.class));
  }

  @Test
  void writesEveryFieldInOrderAndLeavesNullsOut() throws Exception {
    var full =
        new PositionResponses.CompactOutcome(
            3, "p3", 0.9523809523809523, true, -0.05, 1234.5, false, 12.0, true, null);
    assertEquals(
        "{\"index\":3,\"id\":\"p3\",\"healthFactor\":0.9523809523809523,\"liquidatable\":true,"
            + "\"distanceToLiquidation\":-0.05,\"repayQuote\":1234.5,\"full\":false,"
            + "\"badDebtQuote\":12.0,\"stale\":true}",
        JsonBodies.MAPPER.writeValueAsString(full));
    var failed =
        new PositionResponses.CompactOutcome(
            7, null, null, null, null, null, null, null, null, "no thresholds for \"X\"");
    assertEquals(
        "{\"index\":7,\"error\":\"no thresholds for \\\"X\\\"\"}",
        JsonBodies.MAPPER.writeValueAsString(failed));
  }

  @Test
  void matchesTheRecordsFieldsOnRandomItems() throws Exception {
    Random rnd = new Random(7);
    double[] odd = {Double.POSITIVE_INFINITY, Double.NaN, -0.0, 1e-300, 1.7976931348623157e308};
    for (int i = 0; i < 2_000; i++) {
      var o =
          new PositionResponses.CompactOutcome(
              rnd.nextInt(100_000),
              rnd.nextInt(10) == 0 ? null : "id-" + rnd.nextLong(),
              pick(rnd, odd),
              rnd.nextBoolean() ? null : rnd.nextBoolean(),
              pick(rnd, odd),
              pick(rnd, odd),
              rnd.nextBoolean() ? null : rnd.nextBoolean(),
              pick(rnd, odd),
              rnd.nextBoolean() ? null : Boolean.TRUE,
              rnd.nextInt(5) == 0 ? "error ü \u0001 " + i : null);
      assertEquals(expected(o), JsonBodies.MAPPER.writeValueAsString(o), "item " + i);
    }
  }

  private static Double pick(Random rnd, double[] odd) {
    int k = rnd.nextInt(10);
    if (k == 0) {
      return null;
    }
    if (k == 1) {
      return odd[rnd.nextInt(odd.length)];
    }
    return rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 4);
  }
}
