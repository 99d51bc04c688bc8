package io.liqopt.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.Checks;
import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.ml.RecipeProvenance;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.walkforward.Forecasters;
import io.liqopt.training.walkforward.WalkForwardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The ML recipe: one versioned JSON file ({@code recipes/default.json} in the repository, carried
 * in the build) that fixes everything a result depends on besides the data: what is forecast and
 * the seed, the walk-forward protocol, the models compared and the reference named before the run,
 * the ML model's blocks, hyper-parameter search space and network, and the feature schema it was
 * reviewed against. {@code train} and {@code evaluate} read it (the embedded one unless {@code
 * --recipe FILE}); explicit command-line options override single values and are recorded as
 * overrides beside the recipe's name, version and SHA-256 in the bundle manifest and in {@code
 * metrics.json}. Changing the recipe is a reviewed commit that bumps {@link #version}; a change of
 * the feature code that the recipe was not reviewed against is refused ({@link #load}).
 *
 * @param name the recipe's name
 * @param version its version, bumped with every change
 * @param forecast what is forecast, and the seed
 * @param walkForward the walk-forward protocol
 * @param evaluation what {@code evaluate} compares
 * @param ml the ML model's training recipe
 * @param features the feature schema the recipe was reviewed against
 */
public record Recipe(
    String name,
    int version,
    Forecast forecast,
    WalkForward walkForward,
    Evaluation evaluation,
    Ml ml,
    Features features) {

  /** The file name of the recipe the build carries. */
  public static final String EMBEDDED = "default.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  public Recipe {
    Checks.notBlank(name, "name");
    Checks.positive(version, "version");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(walkForward, "walkForward");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(ml, "ml");
    Objects.requireNonNull(features, "features");
  }

  /**
   * What is forecast.
   *
   * @param horizonsHours forecast horizons (24 h is always added for the stress event)
   * @param stressLevel L of the stress event MAE<sub>24</sub> &gt; L, a fraction
   * @param seed the seed of every fit and draw
   * @param quantileTrackingGamma the step γ of the quantile tracking of the served adverse-move
   *     quantiles ({@link io.liqopt.core.forecast.QuantileTracking}), which every model's quantiles
   *     get before evaluation scores them; recorded in a bundle's manifest; 0: none (a recipe
   *     without the field, as before version 3, reads as 0)
   */
  public record Forecast(
      List<Integer> horizonsHours, double stressLevel, long seed, Double quantileTrackingGamma) {
    public Forecast {
      horizonsHours = List.copyOf(Objects.requireNonNull(horizonsHours, "horizonsHours"));
      quantileTrackingGamma = quantileTrackingGamma == null ? 0d : quantileTrackingGamma;
      new io.liqopt.core.forecast.QuantileTracking(quantileTrackingGamma); // validates it
    }

    /** This forecast with other horizons, stress level or seed, the same tracking. */
    public Forecast with(List<Integer> horizons, double level, long newSeed) {
      return new Forecast(horizons, level, newSeed, quantileTrackingGamma);
    }
  }

  /**
   * The walk-forward protocol.
   *
   * @param minTrainDays training days before the first test block
   * @param testBlockDays test block length; models are refitted before each
   * @param embargoHours gap between training and test; null: the longest horizon
   */
  public record WalkForward(int minTrainDays, int testBlockDays, Integer embargoHours) {}

  /**
   * What {@code evaluate} compares.
   *
   * @param models the models, as {@code --models} names them ({@code baselines} expands)
   * @param reference the model every other is judged against (ratios and Diebold–Mariano), named
   *     before the run; it must be among {@code models} once expanded
   * @param hsLookbackDays the historical simulation's look-back
   */
  public record Evaluation(List<String> models, String reference, int hsLookbackDays) {
    public Evaluation {
      models = List.copyOf(Objects.requireNonNull(models, "models"));
      Checks.notBlank(reference, "reference");
    }
  }

  /**
   * The ML model's training recipe (see {@link MlForecaster.Options}).
   *
   * @param selectionDays the selection block
   * @param calibrationDays the calibration block
   * @param maxTrainRows fit rows per model, subsampled evenly
   * @param quantileHorizonHours the quantile network's horizon
   * @param walkForwardRefitDays in a walk-forward, refit every this many days
   * @param treeGrid the trees' hyper-parameter candidates
   * @param network the quantile network
   */
  public record Ml(
      int selectionDays,
      int calibrationDays,
      int maxTrainRows,
      int quantileHorizonHours,
      int walkForwardRefitDays,
      List<GbmParams> treeGrid,
      QuantileNetParams network) {
    public Ml {
      treeGrid = List.copyOf(Objects.requireNonNull(treeGrid, "treeGrid"));
      Objects.requireNonNull(network, "network");
    }
  }

  /**
   * The feature schema the recipe was reviewed against.
   *
   * @param schemaVersion {@code FeatureSchema.version}
   * @param schemaFingerprint {@code FeatureSchema.fingerprint}
   */
  public record Features(String schemaVersion, String schemaFingerprint) {}

  /** A recipe as read, with where it came from and the hash of its bytes. */
  public record Loaded(Recipe recipe, String source, String sha256) {
    /** Its provenance with {@code overrides}. */
    public RecipeProvenance provenance(List<String> overrides) {
      return new RecipeProvenance(recipe.name(), recipe.version(), source, sha256, overrides);
    }
  }

  /** The spec of what is forecast. */
  public ForecastSpec spec() {
    return ForecastSpec.of(forecast.horizonsHours(), forecast.stressLevel())
        .withQuantileTracking(forecast.quantileTrackingGamma());
  }

  /** The walk-forward protocol over {@link #spec}. */
  public WalkForwardConfig walkForwardConfig() {
    return WalkForwardConfig.of(
        spec(),
        walkForward.minTrainDays(),
        walkForward.testBlockDays(),
        walkForward.embargoHours(),
        forecast.seed());
  }

  /** The options of a bundle's ML model (fitted once: no refit interval). */
  public MlForecaster.Options mlOptions() {
    return new MlForecaster.Options(
        ml.selectionDays(),
        ml.calibrationDays(),
        ml.maxTrainRows(),
        ml.treeGrid(),
        ml.network(),
        ml.quantileHorizonHours(),
        0);
  }

  /** The ML options of a walk-forward: refitted every {@code walkForwardRefitDays}. */
  public MlForecaster.Options mlWalkForwardOptions() {
    return mlOptions().withRefitDays(ml.walkForwardRefitDays());
  }

  /**
   * The forecasters named in {@code models} ({@link Forecasters#named}, {@code ml} with {@link
   * #mlWalkForwardOptions}), the reference first when it is among them (else the first named is the
   * reference, as {@link #referenceAmong} tells).
   */
  public List<Forecaster> forecasters(List<String> models) {
    List<Forecaster> all =
        new ArrayList<>(
            Forecasters.named(models, evaluation.hsLookbackDays(), mlWalkForwardOptions()));
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name().equals(evaluation.reference())) {
        all.add(0, all.remove(i));
        break;
      }
    }
    return all;
  }

  /** True if the recipe's reference is among {@code forecasters}. */
  public boolean referenceAmong(List<Forecaster> forecasters) {
    return forecasters.stream().anyMatch(f -> f.name().equals(evaluation.reference()));
  }

  /** The recipe the build carries ({@code recipes/default.json}). */
  public static Loaded embedded() {
    try (InputStream in = Recipe.class.getResourceAsStream("recipes/" + EMBEDDED)) {
      if (in == null) {
        throw new IllegalStateException("the build carries no recipes/" + EMBEDDED);
      }
      return parse(in.readAllBytes(), "embedded:" + EMBEDDED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a recipe file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong: missing, not JSON, a field
   *     missing, unknown or out of range, or a feature schema other than the code's
   */
  public static Loaded load(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("recipe " + file + " does not exist");
    }
    return parse(bytes, file.toString());
  }

  /** This recipe as JSON, which {@link #fromJson} reads back equal: what a remote task gets. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the recipe " + name + " as JSON", e);
    }
  }

  /**
   * The recipe written by {@link #toJson}. Not checked as a file is: it may carry command-line
   * overrides (a horizon list without the quantile horizon, say) that its driver accepted.
   *
   * @throws IllegalArgumentException if it is not a recipe's JSON
   */
  public static Recipe fromJson(String json) {
    try {
      return JSON.readValue(json, Recipe.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("recipe JSON: " + describe(e));
    }
  }

  /** Parses and checks recipe bytes; {@code source} names them in errors. */
  static Loaded parse(byte[] bytes, String source) {
    Recipe r;
    try {
      com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(bytes);
      if (tree != null
          && tree.get("forecast") instanceof com.fasterxml.jackson.databind.node.ObjectNode f
          && !f.has("quantileTrackingGamma")) {
        f.put("quantileTrackingGamma", 0); // recipes before version 3 did not track
      }
      r = tree == null || tree.isMissingNode() ? null : JSON.treeToValue(tree, Recipe.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("recipe " + source + ": " + describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (r == null) {
      throw new IllegalArgumentException("recipe " + source + " is empty");
    }
    r.check(source);
    return new Loaded(r, source, sha256(bytes));
  }

  /**
   * Cross-field checks: every derived configuration builds, and the feature schema is the code's.
   */
  private void check(String source) {
    String code = FeatureCalculator.SCHEMA.fingerprint();
    if (!features.schemaFingerprint().equals(code)
        || !features.schemaVersion().equals(FeatureCalculator.SCHEMA.version())) {
      throw new IllegalArgumentException(
          "recipe "
              + source
              + " was reviewed against feature schema "
              + features.schemaVersion()
              + " ("
              + abbreviate(features.schemaFingerprint())
              + "), but this code computes schema "
              + FeatureCalculator.SCHEMA.version()
              + " ("
              + abbreviate(code)
              + "): review the recipe and record the new schema in it");
    }
    try {
      walkForwardConfig();
      mlWalkForwardOptions();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("recipe " + source + ": " + e.getMessage());
    }
    if (!spec().horizonsHours().contains(ml.quantileHorizonHours())) {
      throw new IllegalArgumentException(
          "recipe "
              + source
              + ": the quantile horizon "
              + ml.quantileHorizonHours()
              + " h is not among the forecast horizons "
              + spec().horizonsHours());
    }
  }

  /** This recipe with other values; see the record's components. */
  public Recipe with(Forecast newForecast, WalkForward newWalkForward, Evaluation newEvaluation) {
    return new Recipe(name, version, newForecast, newWalkForward, newEvaluation, ml, features);
  }

  /** This recipe with another ML section. */
  public Recipe withMl(Ml newMl) {
    return new Recipe(name, version, forecast, walkForward, evaluation, newMl, features);
  }

  /** Collects the overrides of a command line, in the order they are applied. */
  public static final class Overrides {
    private final List<String> given = new ArrayList<>();

    /** Records {@code option value} as an override. */
    public void add(String option, Object value) {
      given.add(option + " " + value);
    }

    /** The overrides, as given. */
    public List<String> list() {
      return List.copyOf(given);
    }
  }

  /** Jackson's complaint in one line, with where in the file, without its switches' names. */
  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage().replace('\n', ' ');
    int switchName = what.indexOf("; `");
    if (switchName > 0) {
      what = what.substring(0, switchName);
    }
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      StringBuilder at = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          at.append(at.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          at.append('[').append(ref.getIndex()).append(']');
        }
      }
      what = "at " + at + ": " + what;
    }
    return what;
  }

  private static String abbreviate(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
