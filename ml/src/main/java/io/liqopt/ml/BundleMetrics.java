package io.liqopt.ml;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code metrics} of a bundle manifest: the walk-forward evaluation run before training, or
 * nothing ({@link #NONE}, an empty JSON object) when the bundle was not evaluated.
 *
 * @param report the evaluation report's index file
 * @param pooled per horizon label ({@code "24h"}) and model name, the pooled scores
 */
@JsonPropertyOrder(alphabetic = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleMetrics(String report, Map<String, Map<String, PooledScores>> pooled) {
  /** A bundle that was not evaluated. */
  public static final BundleMetrics NONE = new BundleMetrics(null, null);

  public BundleMetrics {
    if (pooled != null) {
      Map<String, Map<String, PooledScores>> copy = new LinkedHashMap<>();
      pooled.forEach(
          (h, byModel) -> copy.put(h, Collections.unmodifiableMap(new LinkedHashMap<>(byModel))));
      pooled = Collections.unmodifiableMap(copy);
    }
  }

  /** True when the bundle was not evaluated. */
  @JsonIgnore
  public boolean isEmpty() {
    return report == null && pooled == null;
  }

  /**
   * One model's pooled scores over one horizon; a score the model does not give is null and left
   * out of the JSON.
   *
   * @param exceedance99 the exceedance rate of the 0.99 long quantile
   * @param qlike QLIKE of the variance forecast
   * @param stressAuc AUC of the stress probability
   * @param stressBrier Brier score of the stress probability
   */
  @JsonPropertyOrder(alphabetic = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PooledScores(
      Double exceedance99, Double qlike, Double stressAuc, Double stressBrier) {

    /** As the manifest's JSON object reads, {@code {exceedance99=…, qlike=…}} (for listings). */
    @Override
    public String toString() {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      add(j, "exceedance99", exceedance99);
      add(j, "qlike", qlike);
      add(j, "stressAuc", stressAuc);
      add(j, "stressBrier", stressBrier);
      return j.toString();
    }

    private static void add(StringJoiner j, String name, Double value) {
      if (value != null) {
        j.add(name + "=" + value);
      }
    }
  }
}
