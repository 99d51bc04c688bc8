package io.liqopt.core.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The risk configuration as a user writes it (JSON): a {@code defaults} section and per-symbol
 * overrides, any field of either optional. Example ({@code config/policy.example.json}):
 *
 * <pre>{@code
 * { "defaults": { "alpha": 0.99, "beta": 0.95, "liquidationHorizonHours": 24 },
 *   "assets":   { "DOGEUSDT": { "alpha": 0.995, "bonusMin": 0.05 } } }
 * }</pre>
 *
 * <p>Inheritance: asset override, then file defaults, then {@link AssetRiskConfig#DEFAULTS}.
 * Loading validates every resolved asset, so a bad file fails at load with a {@link
 * ConfigException} whose message is {@code field: reason}, e.g. {@code assets.DOGEUSDT.alpha: must
 * be in (0.5, 1), was 1.2}. Unknown fields and NaN are refused.
 *
 * @param defaultSettings the file's {@code defaults} section (never null; empty when absent)
 * @param assets overrides by symbol (never null)
 */
public record PolicyConfig(
    @JsonProperty("defaults") RiskSettings defaultSettings,
    @JsonProperty("assets") Map<String, RiskSettings> assets) {
  /**
   * Configured once, then only read: thread-safe. Refuses unknown fields, NaN literals, a fraction
   * for an integer field (24.9 is not silently 24) and a string for a number ("30").
   */
  private static final ObjectMapper JSON = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper m =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      m.coercionConfigFor(t)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Float,
              t == LogicalType.Integer ? CoercionAction.Fail : CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return m;
  }

  public PolicyConfig {
    defaultSettings = defaultSettings == null ? RiskSettings.inheritAll() : defaultSettings;
    Map<String, RiskSettings> copy = new TreeMap<>();
    if (assets != null) {
      for (Map.Entry<String, RiskSettings> e : assets.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          throw new ConfigException("assets", "a symbol must not be blank");
        }
        copy.put(e.getKey(), e.getValue() == null ? RiskSettings.inheritAll() : e.getValue());
      }
    }
    assets = java.util.Collections.unmodifiableMap(copy);
  }

  /** The built-in defaults ({@link AssetRiskConfig#DEFAULTS}) for every asset, no overrides. */
  public static PolicyConfig defaults() {
    return new PolicyConfig(RiskSettings.inheritAll(), Map.of());
  }

  /**
   * Reads and validates a JSON configuration file.
   *
   * @throws ConfigException naming the field and the reason when the file is malformed or a
   *     resolved value is refused
   * @throws IOException when the file cannot be read
   */
  public static PolicyConfig load(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /**
   * Parses and validates a JSON configuration.
   *
   * @throws ConfigException naming the field and the reason
   */
  public static PolicyConfig parse(String json) {
    PolicyConfig config;
    try {
      config = JSON.readValue(json, PolicyConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(path(e), "unknown field", e);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException(path(e), e.getOriginalMessage(), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(path(e), e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (config == null) {
      throw new ConfigException("(file)", "empty configuration");
    }
    config.resolve();
    return config;
  }

  /**
   * Resolves every asset against the defaults and validates it.
   *
   * @throws ConfigException naming the field (as {@code defaults.x} or {@code assets.SYM.x})
   */
  public ResolvedPolicy resolve() {
    AssetRiskConfig resolvedDefaults =
        resolve(defaultSettings, AssetRiskConfig.DEFAULTS, "defaults");
    Map<String, AssetRiskConfig> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, RiskSettings> e : assets.entrySet()) {
      resolved.put(e.getKey(), resolve(e.getValue(), resolvedDefaults, "assets." + e.getKey()));
    }
    return new ResolvedPolicy(resolvedDefaults, resolved);
  }

  private static AssetRiskConfig resolve(RiskSettings s, AssetRiskConfig base, String prefix) {
    try {
      return s.over(base);
    } catch (ConfigException c) {
      throw c.under(prefix);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(file)" : sb.toString();
  }
}
