package io.liqopt.cli;

import io.liqopt.serving.stream.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code serve}'s webhooks: where the stream's events are also POSTed, signed. */
final class WebhookOptions {
  /** The environment variable holding the signing secret (never on the command line). */
  static final String SECRET_ENV = "LIQOPT_WEBHOOK_SECRET";

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description =
          "POST each stream event to URL (repeatable), signed with HMAC-SHA256 under the secret in"
              + " "
              + SECRET_ENV
              + " (header X-Liqopt-Signature: t=<ms>,v1=<hex of HMAC(\"<ms>.<body>\")>); in"
              + " order, retried with backoff, at most --webhook-queue waiting.")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--webhook-events",
      split = ",",
      paramLabel = "TYPE,TYPE",
      description =
          "Deliver only these event types (e.g. liquidatable-entered,guard-alert,asset-stale;"
              + " default: all).")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--webhook-queue",
      defaultValue = "10000",
      paramLabel = "N",
      description =
          "Events waiting per webhook at most; beyond, the oldest waiting is dropped"
              + " (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(
      names = "--webhook-attempts",
      defaultValue = "8",
      paramLabel = "N",
      description = "Deliveries tried per event before it is given up (default: ${DEFAULT-VALUE}).")
  int attempts;

  /**
   * The webhooks' settings, empty when none.
   *
   * @param env the environment (for the secret)
   * @throws UsageException on a bad URL, a missing secret or a setting out of range
   */
  List<Webhook.Settings> settings(Function<String, String> env) {
    if (urls.isEmpty()) {
      if (!types.isEmpty()) {
        throw new UsageException("--webhook-events needs a --webhook");
      }
      return List.of();
    }
    String secret = env.apply(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      throw new UsageException("--webhook needs the signing secret in " + SECRET_ENV);
    }
    List<Webhook.Settings> out = new ArrayList<>();
    for (String u : urls) {
      try {
        Webhook.Settings s = Webhook.Settings.of(new URI(u), secret).withTypes(Set.copyOf(types));
        out.add(s.withDelivery(queue, attempts, s.initialBackoffMs(), s.maxBackoffMs()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new UsageException("--webhook " + u + ": " + e.getMessage());
      }
    }
    return out;
  }
}
