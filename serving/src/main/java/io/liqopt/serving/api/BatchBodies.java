package io.liqopt.serving.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.liqopt.serving.state.Chunks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a large assessment batch, {@code {"positions":[…]}}, in chunks on several threads ({@link
 * Chunks}): a 10 000-position body's 1.8 MB took 5.4 ms to parse on one.
 *
 * <p>The body is cut between positions where a position ends and the next begins: {@code },{"}
 * followed by a position's own field name ({@code id}, {@code collateral}, {@code debtAsset},
 * {@code debtQuote}; a holding's names are others, so a cut never falls between two holdings of a
 * valid body). Each piece is parsed on its own, with the same mapper, as a list of positions. A cut
 * in a wrong place (inside a string, or in a body that is not a plain batch) leaves a piece that is
 * not a list of complete values, whose parse fails; when every piece parses, the pieces joined at
 * their commas are the body's own list, so the positions are those of a parse of the whole. On any
 * failure, or for a body that does not start with {@code {"positions":[} and end with {@code ]}},
 * the body is parsed whole, which gives a malformed body its usual error.
 */
final class BatchBodies {
  /** Smaller bodies are parsed whole: cutting them saves less than it costs. */
  static final int MIN_BYTES = 256 << 10;

  private static final byte[] HEAD = "{\"positions\":[".getBytes(StandardCharsets.US_ASCII);

  private static final byte[][] POSITION_FIELDS = {
    bytes("id"), bytes("collateral"), bytes("debtAsset"), bytes("debtQuote")
  };

  private static final ObjectReader POSITIONS =
      JsonBodies.MAPPER.readerFor(new TypeReference<List<Requests.PositionIn>>() {});

  private BatchBodies() {}

  /** The assessment request of {@code body}, parsed in chunks when it is a large plain batch. */
  static Requests.AssessRequest assessRequest(byte[] body) {
    List<Requests.PositionIn> positions = chunked(body);
    return positions != null
        ? new Requests.AssessRequest(null, positions)
        : JsonBodies.parse(body, Requests.AssessRequest.class);
  }

  /**
   * The positions of a large plain batch, parsed in chunks; null when {@code body} is small, not a
   * plain batch, or fails to parse in pieces (the caller then parses it whole).
   */
  static List<Requests.PositionIn> chunked(byte[] body) {
    if (body.length < MIN_BYTES || !startsWith(body, HEAD)) {
      return null;
    }
    int z = body.length;
    while (z > 0 && whitespace(body[z - 1])) {
      z--;
    }
    if (z < HEAD.length + 2 || body[z - 1] != '}' || body[z - 2] != ']') {
      return null;
    }
    int a = HEAD.length; // the array's content is body[a, end)
    int end = z - 2;
    List<List<Requests.PositionIn>> parts =
        Chunks.map(
            end - a,
            (from, to) -> piece(body, cut(body, a, end, a + from), cut(body, a, end, a + to)));
    int n = 0;
    for (List<Requests.PositionIn> p : parts) {
      if (p == null) {
        return null;
      }
      n += p.size();
    }
    List<Requests.PositionIn> out = new ArrayList<>(n);
    parts.forEach(out::addAll);
    return out;
  }

  /**
   * The comma the piece starting at or after {@code x} begins after: {@code a − 1} for the array's
   * start, {@code end} when no cut follows {@code x}.
   */
  static int cut(byte[] b, int a, int end, int x) {
    if (x <= a) {
      return a - 1;
    }
    for (int p = x; p < end - 3; p++) {
      if (b[p] == ',' && b[p - 1] == '}' && b[p + 1] == '{' && b[p + 2] == '"' && field(b, p + 3)) {
        return p;
      }
    }
    return end;
  }

  /** Whether a position's field name and its closing quote start at {@code at}. */
  private static boolean field(byte[] b, int at) {
    for (byte[] f : POSITION_FIELDS) {
      int close = at + f.length;
      if (close < b.length && b[close] == '"' && regionMatches(b, at, f)) {
        return true;
      }
    }
    return false;
  }

  /** The positions between the cuts {@code from} and {@code to}; null when they do not parse. */
  private static List<Requests.PositionIn> piece(byte[] b, int from, int to) {
    int lo = from + 1;
    if (to <= lo) {
      return List.of(); // no cut between the two: the piece is empty
    }
    byte[] array = new byte[to - lo + 2];
    array[0] = '[';
    System.arraycopy(b, lo, array, 1, to - lo);
    array[array.length - 1] = ']';
    try {
      return POSITIONS.readValue(array);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length && regionMatches(b, 0, prefix);
  }

  private static boolean regionMatches(byte[] b, int at, byte[] r) {
    if (at + r.length > b.length) {
      return false;
    }
    for (int i = 0; i < r.length; i++) {
      if (b[at + i] != r[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean whitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
