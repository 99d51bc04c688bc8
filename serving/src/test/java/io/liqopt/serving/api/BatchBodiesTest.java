package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A batch parsed in pieces gives the positions a parse of the whole gives, and any body it cannot
 * cut or parse in pieces gets the whole parse's answer, error included.
 */
class BatchBodiesTest {
  private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};

  @Test
  void aLargePlainBatchIsParsedInPiecesToTheSamePositions() throws Exception {
    Random rnd = new Random(1);
    for (int n : new int[] {2_000, 5_001, 10_000}) {
      byte[] body = body(batch(rnd, n, false), "").getBytes(StandardCharsets.UTF_8);
      assertNotNull(BatchBodies.chunked(body), n + " positions: parsed in pieces");
      assertSame(body);
    }
  }

  @Test
  void smallBodiesAreParsedWhole() throws Exception {
    byte[] body = body(batch(new Random(2), 10, false), "").getBytes(StandardCharsets.UTF_8);
    assertNull(BatchBodies.chunked(body));
    assertSame(body);
  }

  @Test
  void awkwardButValidBodiesGiveTheSamePositions() throws Exception {
    Random rnd = new Random(3);
    // ids holding, escaped, what a cut looks for (a valid body cannot hold it unescaped inside a
    // string), other scripts, nulls, fields in another order, and whitespace around the body
    List<String> bodies = new ArrayList<>();
    bodies.add(body(batch(rnd, 4_000, true), ""));
    bodies.add(body(batch(rnd, 4_000, true), "\n"));
    bodies.add(" " + body(batch(rnd, 4_000, false), ""));
    // fields in another order, nulls and awkward ids still leave cuts to make
    assertNotNull(BatchBodies.chunked(bodies.get(0).getBytes(StandardCharsets.UTF_8)));
    for (String b : bodies) {
      assertSame(b.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void malformedOrRefusedBodiesGetTheWholeParsesError() throws Exception {
    Random rnd = new Random(4);
    String plain = body(batch(rnd, 3_000, false), "");
    int mid = plain.length() / 2;
    List<String> bad = new ArrayList<>();
    bad.add(plain.substring(0, mid) + "#" + plain.substring(mid + 1)); // a stray byte
    bad.add(plain.substring(0, plain.length() - 2) + ",]}"); // a trailing comma
    bad.add(plain.substring(0, plain.length() - 2) + "],\"positions\":[]}"); // a repeated field
    // an unknown field holding what looks like a cut between positions
    bad.add(
        plain.replaceFirst("\"debtAsset\"", "\"extra\":[{\"k\":1},{\"id\":\"z\"}],\"debtAsset\""));
    bad.add(plain.replace("\"debtQuote\":", "\"debtQuote\":\"")); // a string for a number
    for (String b : bad) {
      assertSame(b.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Both parses give equal requests, or the same error. */
  private static void assertSame(byte[] body) {
    Object whole;
    try {
      whole = JsonBodies.parse(body, Requests.AssessRequest.class);
    } catch (ApiException e) {
      whole = e.status() + " " + e.getMessage();
    }
    Object pieces;
    try {
      pieces = BatchBodies.assessRequest(body);
    } catch (ApiException e) {
      pieces = e.status() + " " + e.getMessage();
    }
    assertEquals(whole, pieces);
  }

  private static String body(List<String> positions, String after) {
    return "{\"positions\":[" + String.join(",", positions) + "]}" + after;
  }

  private static List<String> batch(Random rnd, int n, boolean awkward) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (awkward && rnd.nextInt(40) == 0) {
        out.add("null");
        continue;
      }
      String id = "p" + i;
      if (awkward && rnd.nextInt(5) == 0) {
        id =
            switch (rnd.nextInt(4)) {
              case 0 -> "a},{\\\"id\\\":\\\"b";
              case 1 -> "ü},{";
              case 2 -> "\\u007d,{\\\"debtAsset";
              default -> "},{\\\"collateral\\\":[";
            };
      }
      StringBuilder h = new StringBuilder();
      int k = 1 + rnd.nextInt(3);
      for (int j = 0; j < k; j++) {
        if (j > 0) {
          h.append(',');
        }
        h.append("{\"symbol\":\"")
            .append(SYMBOLS[j])
            .append("\",\"quantity\":")
            .append(rnd.nextDouble() * 100);
        if (rnd.nextInt(4) == 0) {
          h.append(",\"priceQuote\":").append(1 + rnd.nextDouble());
        }
        h.append('}');
      }
      String debt = "\"debtAsset\":\"USD\",\"debtQuote\":" + rnd.nextDouble() * 1e5;
      out.add(
          awkward && rnd.nextBoolean()
              ? "{" + debt + ",\"collateral\":[" + h + "],\"id\":\"" + id + "\"}"
              : "{\"id\":\"" + id + "\",\"collateral\":[" + h + "]," + debt + "}");
    }
    return out;
  }
}
