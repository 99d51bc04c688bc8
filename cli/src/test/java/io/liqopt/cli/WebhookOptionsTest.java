package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.stream.Webhook;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookOptionsTest {
  private static WebhookOptions options(List<String> urls, List<String> types) {
    WebhookOptions o = new WebhookOptions();
    o.urls = urls;
    o.types = types;
    o.queue = 100;
    o.attempts = 3;
    return o;
  }

  @Test
  void settings_secretFromTheEnvironment_typesAndDelivery() {
    List<Webhook.Settings> s =
        options(List.of("http://127.0.0.1:9/hook"), List.of("guard-alert"))
            .settings(Map.of(WebhookOptions.SECRET_ENV, "k")::get);
    assertEquals(1, s.size());
    assertEquals("k", s.get(0).secret());
    assertEquals(Set.of("guard-alert"), s.get(0).types());
    assertEquals(100, s.get(0).queueCapacity());
    assertEquals(3, s.get(0).maxAttempts());
    assertEquals(List.of(), options(List.of(), List.of()).settings(Map.<String, String>of()::get));
  }

  @Test
  void settings_withoutSecret_badScheme_orTypesAlone_usageErrors() {
    UsageException noSecret =
        assertThrows(
            UsageException.class,
            () ->
                options(List.of("http://127.0.0.1:9/hook"), List.of())
                    .settings(Map.<String, String>of()::get));
    assertTrue(noSecret.getMessage().contains(WebhookOptions.SECRET_ENV), noSecret.getMessage());
    UsageException scheme =
        assertThrows(
            UsageException.class,
            () ->
                options(List.of("ftp://127.0.0.1/hook"), List.of())
                    .settings(Map.of(WebhookOptions.SECRET_ENV, "k")::get));
    assertTrue(scheme.getMessage().contains("http or https"), scheme.getMessage());
    assertThrows(
        UsageException.class,
        () -> options(List.of(), List.of("guard-alert")).settings(Map.<String, String>of()::get));
  }
}
