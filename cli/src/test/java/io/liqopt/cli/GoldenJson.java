package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Golden outputs: an answer of today's code, canonicalised (object keys sorted, run-dependent
 * fields removed), compared with the one recorded in {@code src/test/resources/golden-outputs/}.
 *
 * <p>Numbers compare within {@link #RELATIVE_TOLERANCE} of the recorded magnitude (plus {@link
 * #ABSOLUTE_TOLERANCE}), everything else exactly. Behind {@code -Dliqopt.golden.regenerate=true}
 * the recorded file is rewritten instead: a deliberate change of behaviour, committed on its own
 * with the diff it makes.
 */
public final class GoldenJson {
  /** The folder of the recorded outputs, relative to the module (surefire's working folder). */
  public static final Path DIR = Path.of("src", "test", "resources", "golden-outputs");

  public static final String REGENERATE_PROPERTY = "liqopt.golden.regenerate";

  /**
   * The network's float32 kernels may differ in the last bits across CPUs (see the golden bundle's
   * README); everything else is double arithmetic in a fixed order.
   */
  static final double RELATIVE_TOLERANCE = 1e-6;

  static final double ABSOLUTE_TOLERANCE = 1e-12;

  /**
   * Fields that measure the run (wall time, speed, ids from the clock, the wall-clock times of the
   * service's background tasks), not the answer.
   */
  static final Set<String> RUN_FIELDS =
      Set.of(
          "runId",
          "runtimeSeconds",
          "featureRowsPerSecond",
          "fitMillis",
          "simulationSeconds",
          "positionHoursPerSecond",
          "seconds",
          "uptimeSeconds",
          "lastSuccessMs",
          "lastFailureMs",
          "lastAppendMs");

  private static final int MAX_REPORTED = 20;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GoldenJson() {}

  public static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE_PROPERTY);
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** Sorted keys, {@link #RUN_FIELDS} removed at every depth. */
  public static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields()
          .forEachRemaining(
              e -> {
                if (!RUN_FIELDS.contains(e.getKey())) {
                  sorted.put(e.getKey(), canonical(e.getValue()));
                }
              });
      ObjectNode out = JSON.createObjectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(n -> out.add(canonical(n)));
      return out;
    }
    return node;
  }

  /**
   * Compares {@code actual} (canonicalised here) with the recorded {@code name}, or records it when
   * regenerating.
   */
  public static void assertMatches(String name, JsonNode actual) throws IOException {
    JsonNode now = canonical(actual);
    Path file = DIR.resolve(name);
    if (regenerating()) {
      Files.createDirectories(DIR);
      Files.writeString(file, JSON.writeValueAsString(now) + "\n", StandardCharsets.UTF_8);
      return;
    }
    if (!Files.isRegularFile(file)) {
      fail(
          "no recorded output "
              + file.toAbsolutePath()
              + "; record it with -D"
              + REGENERATE_PROPERTY
              + "=true");
    }
    JsonNode recorded = JSON.readTree(file.toFile());
    List<String> diffs = new ArrayList<>();
    diff("$", recorded, now, diffs);
    if (!diffs.isEmpty()) {
      fail(
          name
              + " differs from the recorded output in "
              + (diffs.size() >= MAX_REPORTED ? "at least " : "")
              + diffs.size()
              + " places:\n  "
              + String.join("\n  ", diffs));
    }
  }

  /** Compares a text output line by line with the recorded {@code name}. */
  public static void assertTextMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (regenerating()) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.isRegularFile(file)) {
      fail("no recorded output " + file.toAbsolutePath());
    }
    String recorded = Files.readString(file, StandardCharsets.UTF_8);
    String[] a = recorded.split("\n", -1);
    String[] b = actual.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<none>";
      String y = i < b.length ? b[i] : "<none>";
      if (!x.equals(y)) {
        fail(name + " line " + (i + 1) + " differs:\n  recorded: " + x + "\n  now:      " + y);
      }
    }
  }

  static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (out.size() >= MAX_REPORTED) {
      return;
    }
    if (a.isIntegralNumber() && b.isIntegralNumber()) {
      // counts, epoch milliseconds, seeds: exact (a relative tolerance would let a time move
      // by minutes)
      if (!a.bigIntegerValue().equals(b.bigIntegerValue())) {
        out.add(path + ": recorded " + a + ", now " + b);
      }
      return;
    }
    if (a.isNumber() && b.isNumber()) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      if (!(Math.abs(x - y) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(x))) {
        out.add(path + ": recorded " + a + ", now " + b);
      }
      return;
    }
    if (a.getNodeType() != b.getNodeType()) {
      out.add(
          path
              + ": recorded "
              + a.getNodeType()
              + " "
              + abbreviate(a)
              + ", now "
              + b.getNodeType()
              + " "
              + abbreviate(b));
      return;
    }
    if (a.isObject()) {
      Set<String> keys = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!a.has(k) || !b.has(k)) {
          out.add(path + "." + k + (a.has(k) ? ": gone" : ": new"));
        } else {
          diff(path + "." + k, a.get(k), b.get(k), out);
        }
      }
    } else if (a.isArray()) {
      if (a.size() != b.size()) {
        out.add(path + ": " + a.size() + " items recorded, " + b.size() + " now");
      }
      Iterator<JsonNode> x = a.elements();
      Iterator<JsonNode> y = b.elements();
      for (int i = 0; x.hasNext() && y.hasNext(); i++) {
        diff(path + "[" + i + "]", x.next(), y.next(), out);
      }
    } else if (!a.equals(b)) {
      out.add(path + ": recorded " + abbreviate(a) + ", now " + abbreviate(b));
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
