package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact item's hand-written serialiser writes what the record's own fields say. */
class CompactOutcomeWriterTest {

  /** The oracle: the record's components in declaration order, nulls left out, as a map. */
  private static String expected(PositionResponses.CompactOutcome o) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", o.index());
    m.put("id", o.id());
    m.put("healthFactor", o.healthFactor());
    m.put("liquidatable", o.liquidatable());
    m.put("distanceToLiquidation", o.distanceToLiquidation());
    m.put("repayQuote", o.repayQuote());
    m.put("full", o.full());
    m.put("badDebtQuote", o.badDebtQuote());
    m.put("stale", o.stale());
    m.put("error", o.error());
    m.values().removeIf(v -> v == null);
    return JsonBodies.MAPPER.writeValueAsString(m);
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
