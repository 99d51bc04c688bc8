package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.Baselines;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The forecasters a user can name on the command line. */
public final class Forecasters {
  /** The names that {@code baselines} stands for, in report order (the reference first). */
  public static final List<String> BASELINES = Baselines.NAMES;

  private Forecasters() {}

  /** Standardised paths per asset of a {@code +paths} forecaster. */
  static final int PATHS = 20_000;

  /**
   * The forecasters named in {@code names} ({@code baselines} expands to all baselines), in order,
   * without duplicates.
   *
   * @throws IllegalArgumentException naming the unknown name and the known ones
   */
  public static List<Forecaster> named(List<String> names, int hsLookbackDays) {
    return named(names, hsLookbackDays, io.liqopt.training.ml.MlForecaster.Options.walkForward());
  }

  /** As {@link #named(List, int)}, {@code ml} trained with {@code mlOptions}. */
  public static List<Forecaster> named(
      List<String> names,
      int hsLookbackDays,
      io.liqopt.training.ml.MlForecaster.Options mlOptions) {
    Set<String> expanded = new LinkedHashSet<>();
    for (String n : names) {
      if (n.equals("baselines")) {
        expanded.addAll(BASELINES);
      } else {
        expanded.add(n);
      }
    }
    List<Forecaster> out = new ArrayList<>();
    for (String n : expanded) {
      if (n.endsWith("+paths")) {
        // the base's variance with adverse-move quantiles from the path engine
        Forecaster base =
            named(
                    List.of(n.substring(0, n.length() - "+paths".length())),
                    hsLookbackDays,
                    mlOptions)
                .get(0);
        if (base instanceof io.liqopt.training.ml.MlForecaster ml) {
          // an explicit override of the bundle's choice: every horizon from the paths
          base = ml.ownQuantiles();
        }
        out.add(new io.liqopt.core.simulation.PathQuantileForecaster(base, PATHS, 24));
        continue;
      }
      if (n.equals("ml")) {
        out.add(new io.liqopt.training.ml.MlForecaster(mlOptions));
        continue;
      }
      out.add(
          Baselines.named(n, hsLookbackDays)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown model '"
                              + n
                              + "'; known: baselines, "
                              + String.join(", ", BASELINES)
                              + ", ml, and any of them + \"+paths\" (quantiles "
                              + "from simulated paths)")));
    }
    return out;
  }
}
