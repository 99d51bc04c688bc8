package io.liqopt.serving.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
 * turned into a field-level {@link ApiException} rather than a 500. A body refused part-read (or
 * unread) is left to {@link UnreadBodies}, which drains it before the answer is sent.
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
          // Schubfach and FastDoubleParser: correctly rounded both ways, and several times faster
          // than Double.toString / parseDouble on a 10 000-position batch's 50 000 numbers
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
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

  private JsonBodies() {}

  /**
   * Parses the body of {@code ctx} as {@code type}.
   *
   * @param maxBytes the largest body accepted (413 above it, whether or not a length was sent)
   * @throws ApiException 415 unless the Content-Type is application/json; 413, or 400 naming the
   *     field
   */
  public static <T> T read(Context ctx, Class<T> type, long maxBytes) {
    return parse(body(ctx, maxBytes), type);
  }

  /**
   * The body of {@code ctx}, read whole, checked as {@link #read} checks it before parsing: a JSON
   * Content-Type, at most {@code maxBytes}, not empty.
   */
  static byte[] body(Context ctx, long maxBytes) {
    String contentType = ctx.contentType();
    if (!isJson(contentType)) {
      throw ApiException.unsupportedMediaType(contentType);
    }
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      // refused on its declared length alone: UnreadBodies drains the body (or, for a client
      // waiting for a 100, sends none) before the answer goes
      throw ApiException.tooLarge(
          "body of " + declared + " bytes is over the limit of " + maxBytes + " bytes");
    }
    byte[] body = readBounded(ctx, declared, maxBytes);
    if (body.length == 0) {
      throw ApiException.malformed("empty body: expected a JSON object");
    }
    return body;
  }

  /**
   * Whether {@code contentType} is {@code application/json}, with or without parameters such as a
   * charset. A body with no Content-Type is refused too: a browser form (text/plain, urlencoded,
   * multipart) must not reach a route that computes, and a JSON client says what it sends.
   */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return media.strip().toLowerCase(Locale.ROOT).equals("application/json");
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

  private static byte[] readBounded(Context ctx, long declared, long maxBytes) {
    try {
      // not closed: UnreadBodies reads the rest of a body over the limit after the handler
      InputStream in = ctx.bodyInputStream();
      if (declared >= 0) {
        // a declared length (at most the limit, checked by the caller) is read into one array of
        // that size: a 10 000-position batch's 1.8 MB is not gathered in 8 KiB pieces and copied
        // again; the server stops the body at its declared length, so nothing can follow it. The
        // array is allocated before the bytes arrive, which the body budget allows for: every
        // caller reads inside a gate that charged 6 × this length before admitting the request
        byte[] bytes = new byte[(int) declared];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
          throw ApiException.malformed(
              "the body ended after " + n + " of its declared " + declared + " bytes");
        }
        return bytes;
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw ApiException.tooLarge("body is over the limit of " + maxBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.malformed("the body could not be read: " + e.getMessage());
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
