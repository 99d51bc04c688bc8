package io.liqopt.serving.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads request bodies: bounded in size, strict JSON (no NaN, no comments, no trailing tokens, no
 * unknown fields, no strings or floats where numbers or integers are expected), and every failure
 * turned into a field-level {@link ApiException} rather than a 500.
 */
public final class JsonBodies {
  /** The mapper for requests; also writes responses (records serialise as they are). */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .withCoercionConfigDefaults(
              c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  static {
    // deep nesting and huge numbers are refused by the parser before they cost anything
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength(1 << 20)
                .build());
  }

  /** The bound of discarded over-limit bodies, as a multiple of the limit. */
  static final long DISCARD_FACTOR = 4;

  /** The bound of discarded over-limit bodies, however small the limit: 4 MiB. */
  static final long MIN_DISCARD_BYTES = 4L << 20;

  private static final int DISCARD_BUFFER_BYTES = 8192;

  private JsonBodies() {}

  /**
   * Parses the body of {@code ctx} as {@code type}.
   *
   * @param maxBytes the largest body accepted (413 above it, whether or not a length was sent)
   * @throws ApiException 413, 415, or 400 naming the field
   */
  public static <T> T read(Context ctx, Class<T> type, long maxBytes) {
    String contentType = ctx.contentType();
    if (contentType != null
        && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw ApiException.unsupportedMediaType(contentType);
    }
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      // a client waiting for a 100 has sent nothing (and gets no 100 unless the body is read)
      if (!expectsContinue(ctx) && declared <= discardBound(maxBytes)) {
        discardQuietly(ctx.bodyInputStream(), 0, declared);
      }
      throw ApiException.tooLarge(
          "body of " + declared + " bytes is over the limit of " + maxBytes + " bytes");
    }
    byte[] body = readBounded(ctx, maxBytes);
    if (body.length == 0) {
      throw ApiException.malformed("empty body: expected a JSON object");
    }
    return parse(body, type);
  }

  /** Parses {@code body} as {@code type}, mapping every failure to a 400. */
  public static <T> T parse(byte[] body, Class<T> type) {
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.malformed("the body is JSON null: expected a JSON object");
      }
      return value;
    } catch (JsonParseException e) {
      throw ApiException.malformed(
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + clean(e.getOriginalMessage()));
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalid(
          path(e),
          "unknown field '"
              + e.getPropertyName()
              + "'"
              + (e.getKnownPropertyIds() == null
                  ? ""
                  : " (known: " + e.getKnownPropertyIds() + ")"));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw ApiException.invalid(path(e), String.valueOf(cause.getMessage()));
    } catch (InvalidFormatException e) {
      throw ApiException.invalid(
          path(e), "expected " + typeName(e.getTargetType()) + ", got " + e.getValue());
    } catch (MismatchedInputException e) {
      String path = path(e);
      if (path.isEmpty()) {
        throw ApiException.malformed(
            "expected a JSON object with the request's fields " + "(see /openapi.json)");
      }
      throw ApiException.invalid(path, "expected " + typeName(e.getTargetType()));
    } catch (JsonMappingException e) {
      String path = path(e);
      if (e.getCause() instanceof JsonParseException) {
        throw ApiException.malformed(
            "malformed JSON"
                + (path.isEmpty() ? "" : " in " + path)
                + ": "
                + clean(e.getOriginalMessage()));
      }
      throw ApiException.invalid(path, clean(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw ApiException.malformed("malformed JSON: " + clean(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.malformed("unreadable body: " + e.getMessage());
    }
  }

  private static byte[] readBounded(Context ctx, long maxBytes) {
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        discardQuietly(in, bytes.length, discardBound(maxBytes));
        throw ApiException.tooLarge("body is over the limit of " + maxBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.malformed("the body could not be read: " + e.getMessage());
    }
  }

  /**
   * The most bytes of a body over {@code maxBytes} that are read, and dropped, before the 413 is
   * sent: {@value #DISCARD_FACTOR} times the limit, at least {@value #MIN_DISCARD_BYTES} bytes.
   *
   * <p>Why read what is refused: the server closes the connection after answering a body it has not
   * read, and a socket closed with unread bytes, or receiving more of the body after the close, is
   * reset by the kernel; the reset can destroy the 413 on its way, and the client sees a dropped
   * connection instead of the answer. A body up to this bound is therefore read to its end (the
   * connection stays usable); one far over it is cut, its client maybe never seeing the answer.
   */
  static long discardBound(long maxBytes) {
    return Math.max(DISCARD_FACTOR * maxBytes, MIN_DISCARD_BYTES);
  }

  /**
   * Whether the client sent {@code Expect: 100-continue}: until the body is first read, Jetty sends
   * no 100, so such a client has not sent its body and can be refused on its declared length alone.
   */
  private static boolean expectsContinue(Context ctx) {
    String expect = ctx.header("Expect");
    return expect != null && expect.strip().equalsIgnoreCase("100-continue");
  }

  /**
   * Reads and drops the rest of {@code in} ({@code read} bytes of the body being read already) up
   * to {@code bound} bytes in all; a failure to read (the client gave up) leaves the answer a 413.
   */
  private static void discardQuietly(InputStream in, long read, long bound) {
    byte[] scratch = new byte[DISCARD_BUFFER_BYTES];
    long total = read;
    try {
      int n;
      while (total <= bound && (n = in.read(scratch)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      // the client stopped sending: nobody may read the answer, but it is still the 413
    }
  }

  /** The JSON path of a mapping failure, as {@code a.b[2].c}. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  /**
   * A parser message in JSON terms: the first line, without Jackson's configuration hints, source
   * excerpts or Java class names (the client needs none of them).
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.replaceAll("\\s*\\(start marker at .*$", "")
        .replaceAll(":?\\s*enable `[^`]*` to allow", "")
        .replaceAll("\\s*\\(but might if [^)]*\\)", "")
        .replaceAll("`?io\\.liqopt\\.[A-Za-z0-9_.$]+`?", "the expected object")
        .replaceAll("`?java\\.lang\\.([A-Za-z]+)`?", "$1")
        .replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
        .strip();
  }
}
