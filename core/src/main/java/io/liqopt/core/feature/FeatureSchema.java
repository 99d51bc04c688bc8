package io.liqopt.core.feature;

import io.liqopt.core.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/**
 * The names and order of the feature columns, with a version. Saved with every model: a model
 * trained on one schema is refused by code computing another.
 *
 * @param version the schema version, bumped whenever a definition changes
 * @param names the column names, distinct, in column order
 */
public record FeatureSchema(String version, List<String> names) {

  public FeatureSchema {
    Checks.notBlank(version, "version");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a feature schema needs at least one feature");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("feature names must be distinct: " + names);
    }
  }

  /** The number of features. */
  public int size() {
    return names.size();
  }

  /**
   * The column of {@code name}.
   *
   * @throws IllegalArgumentException if the schema has no such feature
   */
  public int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("feature schema " + version + " has no feature " + name);
    }
    return i;
  }

  /** A SHA-256 over the version and the names in order: equal fingerprints, same schema. */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(version.getBytes(StandardCharsets.UTF_8));
      for (String n : names) {
        md.update((byte) 0);
        md.update(n.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
