package io.liqopt.serving.stream;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook delivery carries in {@value #HEADER}: {@code t=<ms>,v1=<hex>}, the hex
 * HMAC-SHA256 (RFC 2104) under the shared secret of {@code "<ms>.<body>"}, so that a receiver can
 * check the body came from the service and, by the time it was signed, refuse a replayed one.
 */
public final class WebhookSignature {
  /** The header. */
  public static final String HEADER = "X-Liqopt-Signature";

  private WebhookSignature() {}

  /** The lower-case hex HMAC-SHA256 of {@code message} under {@code secret}. */
  public static String hmacSha256Hex(byte[] secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
    }
  }

  /** The header's value for {@code body} signed at {@code timeMs}. */
  public static String header(byte[] secret, long timeMs, String body) {
    byte[] signed = (timeMs + "." + body).getBytes(StandardCharsets.UTF_8);
    return "t=" + timeMs + ",v1=" + hmacSha256Hex(secret, signed);
  }
}
