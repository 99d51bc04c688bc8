package io.liqopt.training.walkforward;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@link PredictionsCsv} file back into the per-asset samples {@link EvaluationSummary}
 * scores, so that every score can be recomputed without the market data or refitting. A row is
 * scored when its target is defined and every model forecast it (the same rule as {@link
 * AssetEvaluation#comparable}); a row with a defined target that a model did not forecast counts
 * among that model's rows without forecast. The stress horizon is the one whose rows carry stress
 * labels. Not thread-safe; one instance reads one file.
 */
final class PredictionsRescore {
  /** The columns before the models' ones, all required. */
  static final List<String> FIXED =
      List.of(
          "symbol",
          "open_time_ms",
          "fold",
          "horizon_h",
          "realised_variance",
          "long_mae",
          "stress",
          "series_row");

  /** What the file held. */
  record Read(
      List<String> models,
      double[] levels,
      int stressHorizon,
      Map<Integer, List<EvaluationSample>> byHorizon) {}

  /** The comparable rows of one asset and horizon as they are read. */
  private static final class Rows {
    final String symbol;
    final Map<String, Integer> withoutForecast = new LinkedHashMap<>();
    final List<double[]> values = new ArrayList<>();
    final List<long[]> keys = new ArrayList<>();
    boolean stress;

    Rows(String symbol) {
      this.symbol = symbol;
    }
  }

  private PredictionsRescore() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException with a one-line message if a column is missing or a value does
   *     not parse
   */
  static Read read(Path file) throws IOException {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8),
            1 << 16)) {
      String head = r.readLine();
      if (head == null) {
        throw new IllegalArgumentException(file + " is empty: no header line");
      }
      List<String> header = Arrays.asList(head.split(",", -1));
      for (String c : FIXED) {
        if (!header.contains(c)) {
          throw new IllegalArgumentException(
              file.getFileName()
                  + " lacks the column "
                  + c
                  + " (written by an older liqopt: run evaluate --predictions again)");
        }
      }
      List<String> models = new ArrayList<>();
      for (String c : header) {
        if (c.endsWith(".variance")) {
          models.add(c.substring(0, c.length() - ".variance".length()));
        }
      }
      if (models.isEmpty()) {
        throw new IllegalArgumentException(file.getFileName() + " has no <model>.variance column");
      }
      List<Double> levelList = new ArrayList<>();
      String prefix = models.get(0) + ".q";
      for (String c : header) {
        if (c.startsWith(prefix)) {
          levelList.add(Double.parseDouble(c.substring(prefix.length())));
        }
      }
      double[] levels = levelList.stream().mapToDouble(Double::doubleValue).toArray();
      int[] col = columns(header, models, levels, file);
      Map<Integer, Map<String, Rows>> rows = new LinkedHashMap<>();
      long lineNo = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        try {
          add(line.split(",", -1), col, models, levels.length, rows);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              file.getFileName() + " line " + lineNo + " does not parse: " + e.getMessage(), e);
        }
      }
      return samples(models, levels, rows);
    }
  }

  /** Column indices: the fixed ones, then per model variance, each level, stress. */
  private static int[] columns(List<String> header, List<String> models, double[] levels, Path f) {
    int per = levels.length + 2;
    int[] col = new int[FIXED.size() + models.size() * per];
    for (int k = 0; k < FIXED.size(); k++) {
      col[k] = header.indexOf(FIXED.get(k));
    }
    for (int m = 0; m < models.size(); m++) {
      String name = models.get(m);
      List<String> wanted = new ArrayList<>();
      wanted.add(name + ".variance");
      for (double l : levels) {
        wanted.add(name + ".q" + l);
      }
      wanted.add(name + ".stress");
      for (int k = 0; k < per; k++) {
        int at = header.indexOf(wanted.get(k));
        if (at < 0) {
          throw new IllegalArgumentException(
              f.getFileName() + " lacks the column " + wanted.get(k));
        }
        col[FIXED.size() + m * per + k] = at;
      }
    }
    return col;
  }

  private static void add(
      String[] f, int[] col, List<String> models, int levels, Map<Integer, Map<String, Rows>> all) {
    int h = Integer.parseInt(f[col[3]]);
    Rows rows = all.computeIfAbsent(h, k -> new LinkedHashMap<>()).get(f[col[0]]);
    if (rows == null) {
      rows = new Rows(f[col[0]]);
      all.get(h).put(f[col[0]], rows);
      for (String m : models) {
        rows.withoutForecast.put(m, 0);
      }
    }
    if (f[col[4]].isEmpty()) {
      return; // target undefined: scored for no model, counted for none
    }
    int per = levels + 2;
    int base = FIXED.size();
    boolean all4 = true;
    for (int m = 0; m < models.size(); m++) {
      if (f[col[base + m * per]].isEmpty()) {
        rows.withoutForecast.merge(models.get(m), 1, Integer::sum);
        all4 = false;
      }
    }
    if (!all4) {
      return;
    }
    rows.stress |= !f[col[6]].isEmpty();
    double[] v = new double[3 + models.size() * per];
    v[0] = Double.parseDouble(f[col[4]]);
    v[1] = Double.parseDouble(f[col[5]]);
    v[2] = f[col[6]].isEmpty() ? Double.NaN : Double.parseDouble(f[col[6]]);
    for (int k = 0; k < models.size() * per; k++) {
      String s = f[col[base + k]];
      v[3 + k] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
    rows.values.add(v);
    rows.keys.add(
        new long[] {
          Long.parseLong(f[col[1]]), Integer.parseInt(f[col[2]]), Long.parseLong(f[col[7]])
        });
  }

  private static Read samples(
      List<String> models, double[] levels, Map<Integer, Map<String, Rows>> all) {
    int stressHorizon = -1;
    for (Map.Entry<Integer, Map<String, Rows>> e : all.entrySet()) {
      for (Rows rows : e.getValue().values()) {
        stressHorizon = rows.stress ? e.getKey() : stressHorizon;
      }
    }
    Map<Integer, List<EvaluationSample>> byHorizon = new LinkedHashMap<>();
    int per = levels.length + 2;
    for (Map.Entry<Integer, Map<String, Rows>> e : all.entrySet()) {
      boolean withStress = e.getKey() == stressHorizon;
      List<EvaluationSample> samples = new ArrayList<>();
      for (Rows rows : e.getValue().values()) {
        int n = rows.values.size();
        EvaluationSample s = EvaluationSample.allocate(n, models, levels.length, withStress);
        s.symbol = rows.symbol;
        s.withoutForecast.putAll(rows.withoutForecast);
        for (int i = 0; i < n; i++) {
          double[] v = rows.values.get(i);
          long[] k = rows.keys.get(i);
          s.realisedVariance[i] = v[0];
          s.realisedMove[i] = v[1];
          s.stress[i] = v[2] == 1;
          s.time[i] = k[0];
          s.fold[i] = (int) k[1];
          s.seriesRow[i] = k[2];
          for (int m = 0; m < models.size(); m++) {
            int at = 3 + m * per;
            s.variance.get(models.get(m))[i] = v[at];
            for (int l = 0; l < levels.length; l++) {
              s.quantiles.get(models.get(m))[l][i] = v[at + 1 + l];
            }
            if (withStress) {
              s.stressProbability.get(models.get(m))[i] = v[at + 1 + levels.length];
            }
          }
        }
        samples.add(s);
      }
      byHorizon.put(e.getKey(), samples);
    }
    return new Read(models, levels, stressHorizon, byHorizon);
  }
}
