package io.liqopt.ml.gbm;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Saving and loading a Tribuo XGBoost model in Tribuo's protobuf format, with liqopt's metadata in
 * the model's run ("instance") provenance: the model kind, the feature names in column order, the
 * hyper-parameters and the seed. Loading refuses a corrupt or truncated file, another model type
 * and a feature schema other than the expected one.
 */
final class TribuoModelFile {
  static final String KEY_KIND = "liqopt.gbm.kind";
  static final String KEY_FEATURES = "liqopt.gbm.featureNames";
  static final String KEY_TREES = "liqopt.gbm.trees";
  static final String KEY_MAX_DEPTH = "liqopt.gbm.maxDepth";
  static final String KEY_ETA = "liqopt.gbm.eta";
  static final String KEY_SUBSAMPLE = "liqopt.gbm.subsample";
  static final String KEY_MIN_CHILD_WEIGHT = "liqopt.gbm.minChildWeight";
  static final String KEY_SEED = "liqopt.gbm.seed";

  private TribuoModelFile() {}

  /** The run provenance recorded in every model this package trains. */
  static Map<String, Provenance> runProvenance(
      String kind, List<String> featureNames, GbmParams params, long seed) {
    Map<String, Provenance> map = new HashMap<>();
    map.put(KEY_KIND, new StringProvenance(KEY_KIND, kind));
    List<StringProvenance> names = new ArrayList<>();
    for (String name : featureNames) {
      names.add(new StringProvenance(KEY_FEATURES, name));
    }
    map.put(KEY_FEATURES, new ListProvenance<>(names));
    map.put(KEY_TREES, new StringProvenance(KEY_TREES, Integer.toString(params.trees())));
    map.put(
        KEY_MAX_DEPTH, new StringProvenance(KEY_MAX_DEPTH, Integer.toString(params.maxDepth())));
    map.put(KEY_ETA, new StringProvenance(KEY_ETA, Double.toString(params.eta())));
    map.put(
        KEY_SUBSAMPLE, new StringProvenance(KEY_SUBSAMPLE, Double.toString(params.subsample())));
    map.put(
        KEY_MIN_CHILD_WEIGHT,
        new StringProvenance(KEY_MIN_CHILD_WEIGHT, Double.toString(params.minChildWeight())));
    map.put(KEY_SEED, new StringProvenance(KEY_SEED, Long.toString(seed)));
    return map;
  }

  /**
   * Writes {@code model} to a temporary file beside {@code file}, then renames it over {@code
   * file}.
   */
  static void saveAtomically(Model<?> model, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      model.serializeToFile(tmp);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A loaded model with the metadata this package stored in it. */
  record Loaded<T extends Output<T>>(
      XGBoostModel<T> model, List<String> featureNames, GbmParams params, long seed) {}

  /**
   * Reads and validates a model file.
   *
   * @throws IOException if the file cannot be read or is not a Tribuo protobuf model (corrupt,
   *     truncated)
   * @throws IllegalArgumentException if it holds another kind of model, or feature names other than
   *     {@code expectedFeatureNames} (same names in the same order)
   */
  static <T extends Output<T>> Loaded<T> load(
      Path file, Class<T> outputType, String kind, List<String> expectedFeatureNames)
      throws IOException {
    List<String> expected = FeatureRows.of(expectedFeatureNames).names();
    Model<?> raw;
    try {
      raw = Model.deserializeFromFile(file);
    } catch (IOException e) {
      throw new IOException(
          "cannot read model file " + file + " (corrupt or truncated?): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot read model file " + file + " (not a Tribuo protobuf model, or corrupt): " + e, e);
    }
    if (!(raw instanceof XGBoostModel)) {
      throw new IllegalArgumentException(
          "model file "
              + file
              + " holds a "
              + raw.getClass().getName()
              + ", expected a Tribuo XGBoost model ("
              + kind
              + ")");
    }
    if (!raw.validate(outputType)) {
      String actual =
          raw.getOutputIDInfo().getDomain().stream()
              .findFirst()
              .map(o -> o.getClass().getSimpleName())
              .orElse("nothing");
      throw new IllegalArgumentException(
          "model file "
              + file
              + " holds an XGBoost model predicting "
              + actual
              + ", expected one predicting "
              + outputType.getSimpleName()
              + " ("
              + kind
              + ")");
    }
    @SuppressWarnings("unchecked")
    XGBoostModel<T> model = (XGBoostModel<T>) raw.castModel(outputType);
    Map<String, ? extends Provenance> meta = instanceProvenance(model);
    String storedKind = string(meta, KEY_KIND, file);
    if (!storedKind.equals(kind)) {
      throw new IllegalArgumentException(
          "model file " + file + " holds a " + storedKind + ", expected a " + kind);
    }
    List<String> stored = featureNames(meta, file);
    if (!stored.equals(expected)) {
      throw new IllegalArgumentException(
          "model file " + file + " was trained on features " + stored + ", expected " + expected);
    }
    Set<String> inMap = new TreeSet<>();
    model.getFeatureIDMap().forEach(info -> inMap.add(info.getName()));
    if (!inMap.equals(new TreeSet<>(expected))) {
      throw new IllegalArgumentException(
          "model file "
              + file
              + " has a feature map "
              + inMap
              + " that does not match its recorded feature names "
              + stored);
    }
    GbmParams params;
    long seed;
    try {
      params =
          new GbmParams(
              Integer.parseInt(string(meta, KEY_TREES, file)),
              Integer.parseInt(string(meta, KEY_MAX_DEPTH, file)),
              Double.parseDouble(string(meta, KEY_ETA, file)),
              Double.parseDouble(string(meta, KEY_SUBSAMPLE, file)),
              Double.parseDouble(string(meta, KEY_MIN_CHILD_WEIGHT, file)));
      seed = Long.parseLong(string(meta, KEY_SEED, file));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "model file " + file + " has unreadable hyper-parameters: " + e.getMessage(), e);
    }
    return new Loaded<>(model, stored, params, seed);
  }

  private static Map<String, ? extends Provenance> instanceProvenance(Model<?> model) {
    MapProvenance<? extends Provenance> map = model.getProvenance().getInstanceProvenance();
    return map == null ? Map.of() : map.getMap();
  }

  private static String string(Map<String, ? extends Provenance> meta, String key, Path file) {
    Provenance p = meta.get(key);
    if (!(p instanceof StringProvenance)) {
      throw new IllegalArgumentException(
          "model file " + file + " was not written by liqopt (no '" + key + "' in its provenance)");
    }
    return ((StringProvenance) p).getValue();
  }

  private static List<String> featureNames(Map<String, ? extends Provenance> meta, Path file) {
    Provenance p = meta.get(KEY_FEATURES);
    if (!(p instanceof ListProvenance)) {
      throw new IllegalArgumentException(
          "model file "
              + file
              + " was not written by liqopt (no '"
              + KEY_FEATURES
              + "' in its provenance)");
    }
    List<String> names = new ArrayList<>();
    for (Provenance item : ((ListProvenance<?>) p).getList()) {
      if (!(item instanceof StringProvenance)) {
        throw new IllegalArgumentException(
            "model file " + file + " has a malformed feature name list");
      }
      names.add(((StringProvenance) item).getValue());
    }
    return names;
  }
}
