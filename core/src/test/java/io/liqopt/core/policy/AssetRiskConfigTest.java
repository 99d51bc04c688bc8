package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AssetRiskConfigTest {

  @Test
  void toBuilder_unchanged_buildsAnEqualConfig() {
    assertEquals(AssetRiskConfig.DEFAULTS, AssetRiskConfig.DEFAULTS.toBuilder().build());
  }

  @Test
  void withAlpha_changesAlphaOnly() {
    AssetRiskConfig c = AssetRiskConfig.DEFAULTS.withAlpha(0.975);
    assertEquals(0.975, c.alpha());
    assertEquals(AssetRiskConfig.DEFAULTS, c.withAlpha(AssetRiskConfig.DEFAULTS.alpha()));
  }

  @Test
  void builder_badField_refusedNamingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> AssetRiskConfig.DEFAULTS.toBuilder().bonusMin(0.2).bonusMax(0.1).build());
    assertEquals("bonusMin", e.field());
    assertThrows(ConfigException.class, () -> AssetRiskConfig.DEFAULTS.withAlpha(Double.NaN));
  }
}
