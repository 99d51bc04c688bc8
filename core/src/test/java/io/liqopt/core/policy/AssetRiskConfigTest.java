package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AssetRiskConfigTest {

  @Test
  void toBuilder_unchanged_buildsAnEqualConfig() {
    assertEquals(AssetRiskConfig.DEFAULTS, AssetRiskConfig.DEFAULTS.toBuilder().build());
  }

  @Test
  void withAlpha_changesAlphaOnly() {
    AssetRiskConfig c = AssetRiskConfig.DEFAULTS.withAlpha(0.975);
    assertEquals(0.975, c.quantiles().alpha());
    assertEquals(
        AssetRiskConfig.DEFAULTS, c.withAlpha(AssetRiskConfig.DEFAULTS.quantiles().alpha()));
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

  @Test
  void json_isTheFlatFormAUserWrites_andReadsBackEqual() throws Exception {
    AssetRiskConfig c =
        AssetRiskConfig.DEFAULTS.toBuilder()
            .alpha(0.975)
            .bonusMin(0.03)
            .closeFactor(0.4)
            .stressedWeight(0.1)
            .minAgreeingSources(3)
            .build();
    JsonNode json = new ObjectMapper().valueToTree(c);
    assertEquals(31, json.size());
    assertEquals(0, json.get("ltRampHours").asDouble());
    assertEquals(0.975, json.get("alpha").asDouble());
    assertEquals(0.03, json.get("bonusMin").asDouble());
    assertEquals(3, json.get("minAgreeingSources").asInt());
    assertEquals("FLAT", json.get("bonusSchedule").asText());
    String file = "{\"defaults\": " + json + "}";
    assertEquals(c, PolicyConfig.parse(file).resolve().defaults());
    assertEquals(c, c.settings().over(AssetRiskConfig.DEFAULTS));
  }

  @Test
  void parts_refuseABadFieldByTheNameAUserWrites() {
    assertEquals(
        "bonusMaxAtHealthFactor",
        assertThrows(
                ConfigException.class,
                () -> AssetRiskConfig.DEFAULTS.toBuilder().bonusMaxAtHealthFactor(1.5).build())
            .field());
    assertEquals(
        "participationRate",
        assertThrows(
                ConfigException.class,
                () -> AssetRiskConfig.DEFAULTS.toBuilder().participationRate(0).build())
            .field());
    assertEquals(
        "assets.DOGEUSDT.stressedWeight",
        assertThrows(
                ConfigException.class,
                () -> PolicyConfig.parse("{\"assets\": {\"DOGEUSDT\": {\"stressedWeight\": 2}}}"))
            .field());
  }

  @Test
  void withPart_replacesThatPartOnly() {
    GovernorConfig g = new GovernorConfig(0.05, 30, 0, 0.5);
    AssetRiskConfig c = AssetRiskConfig.DEFAULTS.withGovernor(g);
    assertEquals(g, c.governor());
    assertEquals(AssetRiskConfig.DEFAULTS.quantiles(), c.quantiles());
    assertEquals(AssetRiskConfig.DEFAULTS.bonus(), c.bonus());
    assertEquals(AssetRiskConfig.DEFAULTS, c.withGovernor(GovernorConfig.DEFAULTS));
  }
}
