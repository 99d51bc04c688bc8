package io.liqopt.core.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.simulation.PortfolioSimulation.Entry;
import io.liqopt.core.simulation.PortfolioSimulation.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a position file, {@code {"debtQuote": 50000, "collateral": [{"symbol": "BTCUSDT",
 * "quantity": 1.0, "priceQuote": ..., "lt": ...}, ...]}}, field by field, so that every mistake is
 * told in one sentence naming the file and the field (unknown fields included).
 */
public final class PositionFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PositionFile() {}

  /**
   * Reads and validates the position file.
   *
   * @throws IllegalArgumentException saying what is wrong, starting with the file's name
   */
  public static Position read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          file + ": expected a JSON object {\"debtQuote\": ..., " + "\"collateral\": [...]}");
    }
    fieldsOnly(file, root, "", Set.of("debtQuote", "collateral"));
    double debt = positive(file, root, "debtQuote", "");
    JsonNode c = root.get("collateral");
    if (c == null || !c.isArray() || c.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": \"collateral\" must be a non-empty array of " + "{\"symbol\", \"quantity\"}");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < c.size(); i++) {
      entries.add(entry(file, c.get(i), i, seen));
    }
    return new Position(debt, entries);
  }

  /** The holding {@code collateral[i]}; {@code seen} collects the symbols so far. */
  private static Entry entry(Path file, JsonNode h, int i, Set<String> seen) {
    String where = "collateral[" + i + "].";
    if (!h.isObject()) {
      throw new IllegalArgumentException(file + ": collateral[" + i + "] must be an object");
    }
    fieldsOnly(file, h, where, Set.of("symbol", "quantity", "priceQuote", "lt"));
    JsonNode s = h.get("symbol");
    if (s == null || !s.isTextual() || s.asText().isBlank()) {
      throw new IllegalArgumentException(file + ": " + where + "symbol must be a non-empty string");
    }
    String sym = s.asText().strip();
    if (!seen.add(sym)) {
      throw new IllegalArgumentException(file + ": " + sym + " is listed twice");
    }
    double q = positive(file, h, "quantity", where);
    Double price = h.has("priceQuote") ? positive(file, h, "priceQuote", where) : null;
    Double lt = h.has("lt") ? positive(file, h, "lt", where) : null;
    if (lt != null && !(lt < 1)) {
      throw new IllegalArgumentException(file + ": " + where + "lt must be in (0, 1), was " + lt);
    }
    return new Entry(sym, q, price, lt);
  }

  private static void fieldsOnly(Path file, JsonNode node, String where, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(
            file
                + ": unknown field "
                + where
                + f
                + " (known: "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
    }
  }

  private static double positive(Path file, JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
      throw new IllegalArgumentException(
          file
              + ": "
              + where
              + field
              + " must be a positive number"
              + (v == null ? " (missing)" : ", was " + v));
    }
    return v.asDouble();
  }
}
