package io.liqopt.ml;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.gbm.Selection;
import io.liqopt.ml.gbm.StressStacking;
import io.liqopt.ml.nn.QuantileNetParams;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code hyperParameters} of a bundle manifest: the training options, the sizes of the three
 * blocks, what each model's selection chose and scored, and the training time. Objects are written
 * with their keys in alphabetical order, as the manifest's former maps were.
 *
 * @param options the training options
 * @param rows rows of the fit, selection and calibration blocks
 * @param selections the selections' candidates and choices
 * @param trainSeconds wall-clock training time
 */
public record HyperParameters(
    Options options, Rows rows, Selections selections, double trainSeconds) {

  /**
   * The training options as recorded (training's {@code MlForecaster.Options}, field for field).
   *
   * @param selectionDays length of the selection block
   * @param calibrationDays length of the calibration block
   * @param maxTrainRows the fit block is subsampled to at most this many rows
   * @param grid tree hyper-parameter candidates
   * @param net network hyper-parameters
   * @param quantileHorizonHours the horizon of the quantile network
   * @param refitDays refit interval in a walk-forward (0: every call)
   */
  public record Options(
      int selectionDays,
      int calibrationDays,
      int maxTrainRows,
      List<GbmParams> grid,
      QuantileNetParams net,
      int quantileHorizonHours,
      int refitDays) {
    public Options {
      grid = grid == null ? null : List.copyOf(grid);
    }
  }

  /**
   * Rows of the three training blocks.
   *
   * @param calibration calibration block rows
   * @param fit fit block rows (after subsampling)
   * @param selection selection block rows
   */
  @JsonPropertyOrder(alphabetic = true)
  public record Rows(int calibration, int fit, int selection) {}

  /**
   * The quantile network's early stopping and conformal correction.
   *
   * @param bestEpoch the epoch whose parameters were kept
   * @param conformalOffsets per level, the split-conformal offset
   */
  @JsonPropertyOrder(alphabetic = true)
  public record QuantileNetChoice(int bestEpoch, List<Double> conformalOffsets) {
    public QuantileNetChoice {
      conformalOffsets = List.copyOf(conformalOffsets);
    }
  }

  /**
   * How the stress classifier's probabilities were calibrated.
   *
   * @param calibrationEvents stress events in the calibration block
   * @param method the calibration method, or {@code identity} when too few events
   */
  @JsonPropertyOrder(alphabetic = true)
  public record StressCalibrationChoice(int calibrationEvents, String method) {}

  /**
   * Log loss on the selection block of the three stress stacks compared.
   *
   * @param unfittedVolatility the volatility's own exceedance probability
   * @param volatilityOnly the stack without the classifier
   * @param withClassifier the stack with the classifier
   */
  @JsonPropertyOrder(alphabetic = true)
  public record StackingLosses(
      double unfittedVolatility, double volatilityOnly, double withClassifier) {}

  /**
   * The quantile source chosen for one horizon: every candidate's mean pinball loss over the
   * forecast levels on the selection block's rows (all assets pooled), the lowest kept.
   *
   * @param chosen the source kept ({@code model}, {@code paths} or, at the quantile horizon only,
   *     {@code conformal})
   * @param meanPinballLoss per candidate source its mean pinball loss of the long adverse move
   */
  @JsonPropertyOrder(alphabetic = true)
  public record QuantileSourceChoice(String chosen, Map<String, Double> meanPinballLoss) {
    public QuantileSourceChoice {
      meanPinballLoss = Collections.unmodifiableMap(new TreeMap<>(meanPinballLoss));
    }
  }

  /**
   * What the selections chose. In JSON the per-horizon entries are keys of their own, {@code
   * variance_<h>h} (the tree candidates) and {@code varianceCombination_<h>h}, after the others;
   * entries absent from older bundles are null here and left out of the JSON.
   *
   * @param garchAssets the assets with a GARCH fit
   * @param quantileNet the network's early stopping and conformal offsets
   * @param quantileSources per horizon the quantile source chosen and every candidate's loss; null
   *     in older bundles
   * @param seconds wall-clock seconds per stage
   * @param stress the stress classifier's candidates
   * @param stressCalibration the stress calibration chosen
   * @param stressStacking the stress stack kept
   * @param stressStackingSelectionLogLoss the stacks' selection losses (null with too few events)
   * @param stressSource the stress-probability candidate kept, {@code <variance>/<stack>} (variance
   *     ml, garch or har; stack reflected, unfitted, volatilityOnly or withClassifier); null in
   *     older bundles
   * @param stressSourceSelectionLogLoss every stress-probability candidate's log loss on the
   *     selection block, exceedances cross-fitted; null in older bundles
   * @param variance per horizon the variance trees' candidates
   * @param varianceCombination per horizon the variance combination (where fitted)
   */
  @JsonPropertyOrder(alphabetic = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Selections(
      List<String> garchAssets,
      QuantileNetChoice quantileNet,
      Map<Integer, QuantileSourceChoice> quantileSources,
      Map<String, Double> seconds,
      List<Selection.Candidate> stress,
      StressCalibrationChoice stressCalibration,
      StressStacking stressStacking,
      StackingLosses stressStackingSelectionLogLoss,
      String stressSource,
      Map<String, Double> stressSourceSelectionLogLoss,
      @JsonIgnore Map<Integer, List<Selection.Candidate>> variance,
      @JsonIgnore Map<Integer, VarianceCombination> varianceCombination) {

    private static final Pattern PER_HORIZON =
        Pattern.compile("(variance|varianceCombination)_(\\d+)h");

    private static final ObjectMapper CONVERT =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Selections {
      garchAssets = garchAssets == null ? null : List.copyOf(garchAssets);
      quantileSources =
          quantileSources == null
              ? null
              : Collections.unmodifiableMap(new TreeMap<>(quantileSources));
      seconds = seconds == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
      stress = stress == null ? null : List.copyOf(stress);
      stressSourceSelectionLogLoss =
          stressSourceSelectionLogLoss == null
              ? null
              : Collections.unmodifiableMap(new TreeMap<>(stressSourceSelectionLogLoss));
      variance = variance == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(variance));
      varianceCombination =
          varianceCombination == null
              ? Map.of()
              : Collections.unmodifiableMap(new TreeMap<>(varianceCombination));
    }

    /**
     * The stress source ({@code stressSource}) and the quantile source per horizon ({@code
     * quantileSource_<h>h}) chosen, by name, for reports; absent entries are left out.
     */
    public Map<String, String> choices() {
      Map<String, String> out = new TreeMap<>();
      if (stressSource != null) {
        out.put("stressSource", stressSource);
      }
      if (quantileSources != null) {
        quantileSources.forEach((h, c) -> out.put("quantileSource_" + h + "h", c.chosen()));
      }
      return out;
    }

    /** Reads the JSON form: the fixed keys, and the per-horizon keys among {@code others}. */
    @JsonCreator
    static Selections fromJson(
        @JsonProperty("garchAssets") List<String> garchAssets,
        @JsonProperty("quantileNet") QuantileNetChoice quantileNet,
        @JsonProperty("quantileSources") Map<Integer, QuantileSourceChoice> quantileSources,
        @JsonProperty("seconds") Map<String, Double> seconds,
        @JsonProperty("stress") List<Selection.Candidate> stress,
        @JsonProperty("stressCalibration") StressCalibrationChoice stressCalibration,
        @JsonProperty("stressStacking") StressStacking stressStacking,
        @JsonProperty("stressStackingSelectionLogLoss") StackingLosses stackingLosses,
        @JsonProperty("stressSource") String stressSource,
        @JsonProperty("stressSourceSelectionLogLoss") Map<String, Double> sourceLosses,
        @JsonAnySetter Map<String, JsonNode> others) {
      Map<Integer, List<Selection.Candidate>> variance = new TreeMap<>();
      Map<Integer, VarianceCombination> combination = new TreeMap<>();
      if (others != null) {
        for (Map.Entry<String, JsonNode> e : others.entrySet()) {
          Matcher m = PER_HORIZON.matcher(e.getKey());
          if (!m.matches()) {
            continue;
          }
          int h = Integer.parseInt(m.group(2));
          if (m.group(1).equals("variance")) {
            variance.put(
                h,
                CONVERT.convertValue(
                    e.getValue(), new TypeReference<List<Selection.Candidate>>() {}));
          } else {
            combination.put(h, CONVERT.convertValue(e.getValue(), VarianceCombination.class));
          }
        }
      }
      return new Selections(
          garchAssets,
          quantileNet,
          quantileSources,
          seconds,
          stress,
          stressCalibration,
          stressStacking,
          stackingLosses,
          stressSource,
          sourceLosses,
          variance,
          combination);
    }

    /** The per-horizon entries under their JSON keys, in key order. */
    @JsonAnyGetter
    Map<String, Object> perHorizon() {
      Map<String, Object> out = new TreeMap<>();
      variance.forEach((h, c) -> out.put("variance_" + h + "h", c));
      varianceCombination.forEach((h, c) -> out.put("varianceCombination_" + h + "h", c));
      return out;
    }
  }
}
