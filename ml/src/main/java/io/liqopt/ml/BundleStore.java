package io.liqopt.ml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.FileSink;
import io.liqopt.core.feature.FeatureSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code models/} folder: bundles as sub-folders, {@code LATEST} naming the newest.
 *
 * <p>Writing is crash-safe: the files go into a hidden temporary folder, their checksums into the
 * manifest, then the folder is renamed into place and {@code LATEST} is replaced atomically; a
 * crash leaves either the old state or the new one (and maybe a {@code .tmp-*} folder, ignored).
 */
public final class BundleStore {
  /** The manifest file name. */
  public static final String MANIFEST = "manifest.json";

  /** The file naming the newest bundle. */
  public static final String LATEST = "LATEST";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private final FileSink sink;

  public BundleStore(Path modelsDir) {
    this(modelsDir, FileSink.FILES);
  }

  /**
   * A store whose own files (manifests, {@code LATEST}) are written through {@code sink} (tests
   * pass one that fails as a full disk does); the model files are written by the caller's {@link
   * Writer}.
   */
  public BundleStore(Path modelsDir, FileSink sink) {
    this.root = modelsDir;
    this.sink = java.util.Objects.requireNonNull(sink, "sink");
  }

  public Path root() {
    return root;
  }

  /** Writes the files of a bundle into a folder; called with the (temporary) folder. */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  /**
   * Writes a bundle: {@code files} writes the model files, {@code manifest} receives their
   * checksums and returns the manifest; then the folder is moved to {@code models/<bundleId>} and
   * LATEST updated.
   *
   * @return the bundle folder
   * @throws IOException when a file cannot be written (a full disk): the temporary folder is
   *     deleted, the bundles and LATEST are as they were
   */
  public Path write(
      String bundleId, Writer files, Function<Map<String, String>, BundleManifest> manifest)
      throws IOException {
    Files.createDirectories(root);
    Path target = root.resolve(bundleId);
    if (Files.exists(target)) {
      throw new IOException("bundle " + bundleId + " already exists in " + root);
    }
    Path tmp = Files.createTempDirectory(root, ".tmp-" + bundleId + "-");
    try {
      files.write(tmp);
      CrashPoints.reach(CrashPoints.BUNDLE_FILES_WRITTEN);
      Map<String, String> sums = checksums(tmp);
      BundleManifest m = manifest.apply(sums);
      if (!m.bundleId().equals(bundleId)) {
        throw new IllegalArgumentException("manifest id " + m.bundleId() + " != " + bundleId);
      }
      AtomicFiles.write(tmp.resolve(MANIFEST), AtomicFiles.bytes(JSON.writeValueAsBytes(m), sink));
      // the model files come from other libraries' writers: forced to disk here, so that a power
      // loss after the rename cannot leave a bundle whose files are torn
      AtomicFiles.syncTree(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      AtomicFiles.syncDirectory(root);
      CrashPoints.reach(CrashPoints.BUNDLE_MOVED);
      AtomicFiles.write(
          root.resolve(LATEST),
          AtomicFiles.bytes((bundleId + "\n").getBytes(StandardCharsets.UTF_8), sink));
      return target;
    } finally {
      if (Files.exists(tmp)) {
        AtomicFiles.deleteTree(tmp);
      }
    }
  }

  /** The id LATEST names, if any. */
  public Optional<String> latestId() throws IOException {
    Path p = root.resolve(LATEST);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    String id = Files.readString(p, StandardCharsets.UTF_8).strip();
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /** The bundle folders (not temporary ones), newest id first. */
  public List<String> list() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .forEach(ids::add);
    }
    ids.sort(Comparator.reverseOrder());
    return ids;
  }

  /** Reads a bundle's manifest without verifying the files. */
  public BundleManifest manifest(String bundleId) {
    Path m = root.resolve(bundleId).resolve(MANIFEST);
    try {
      return JSON.readValue(m.toFile(), BundleManifest.class);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(
          "bundle "
              + bundleId
              + ": unreadable manifest "
              + m
              + " ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")",
          e);
    }
  }

  /**
   * Verifies a bundle the way a loader must: a readable manifest of a known format, every listed
   * file present with its checksum, no unlisted file, and the feature schema of the running code.
   *
   * @return the manifest
   * @throws BundleException saying what is wrong
   */
  public BundleManifest verify(String bundleId, FeatureSchema expected) {
    Path dir = root.resolve(bundleId);
    if (!Files.isDirectory(dir)) {
      throw new BundleException("bundle " + bundleId + " does not exist in " + root);
    }
    BundleManifest m = manifest(bundleId);
    if (m.format() != BundleManifest.FORMAT) {
      throw new BundleException(
          "bundle "
              + bundleId
              + " has format "
              + m.format()
              + "; this liqopt reads format "
              + BundleManifest.FORMAT);
    }
    if (!m.bundleId().equals(bundleId)) {
      throw new BundleException(
          "bundle folder " + bundleId + " holds the manifest of " + m.bundleId());
    }
    Map<String, String> actual;
    try {
      actual = checksums(dir);
    } catch (IOException e) {
      throw new BundleException(
          "bundle " + bundleId + ": cannot read its files: " + e.getMessage(), e);
    }
    actual.remove(MANIFEST);
    for (Map.Entry<String, String> e : m.files().entrySet()) {
      String sum = actual.get(e.getKey());
      if (sum == null) {
        throw new BundleException("bundle " + bundleId + ": file " + e.getKey() + " is missing");
      }
      if (!sum.equals(e.getValue())) {
        throw new BundleException(
            "bundle "
                + bundleId
                + ": checksum mismatch for "
                + e.getKey()
                + " (manifest "
                + e.getValue().substring(0, 12)
                + "…, file "
                + sum.substring(0, 12)
                + "…): the file is corrupt or was changed");
      }
    }
    for (String f : actual.keySet()) {
      if (!m.files().containsKey(f)) {
        throw new BundleException("bundle " + bundleId + ": file " + f + " is not in the manifest");
      }
    }
    if (!m.featureSchemaFingerprint().equals(expected.fingerprint())) {
      throw new BundleException(
          "bundle "
              + bundleId
              + " was trained on feature schema "
              + m.featureSchemaVersion()
              + " (fingerprint "
              + m.featureSchemaFingerprint().substring(0, 12)
              + "…); this liqopt computes schema "
              + expected.version()
              + " (fingerprint "
              + expected.fingerprint().substring(0, 12)
              + "…)");
    }
    return m;
  }

  /** SHA-256 of every regular file below {@code dir}, by '/'-separated relative path. */
  static Map<String, String> checksums(Path dir) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        sums.put(rel, sha256(p));
      }
    }
    return sums;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(md.digest());
    }
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
