package io.liqopt.training.walkforward;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.target.HorizonTargets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes every out-of-sample forecast of a walk-forward run beside what was realised, one line per
 * asset, hour and horizon, as gzip-compressed CSV: the raw material behind the report's scores, for
 * a risk team to re-score, combine or plot the forecasts with its own tools.
 *
 * <p>Columns: {@code symbol, open_time_ms, fold, horizon_h, realised_variance, long_mae, stress,
 * series_row} (the stress label MAE &gt; L on the stress horizon, empty on others; every target
 * empty where it is undefined; the series row fixes the phase of the one-phase coverage tests and
 * the lags of the others: the bar's index in its series on hourly bars, the hours since the epoch
 * at the bar's close on shorter ones, whose rows are only those closing on the hour), then per
 * model {@code <model>.variance}, one {@code <model>.q<level>} per evaluation level (the long
 * adverse-move quantile) and, on the stress horizon, {@code <model>.stress}. A forecast a model did
 * not make is empty. Rows no fold forecast are left out. Numbers are written as {@link
 * Double#toString} (the shortest decimal that reads back as the same double), so that {@link
 * PredictionsRescore} reproduces the run's scores exactly.
 */
public final class PredictionsCsv {
  /** The file name in the report folder. */
  public static final String FILE = "predictions.csv.gz";

  /** A predictions file written, and its data lines. */
  public record Written(Path file, long lines) {}

  private PredictionsCsv() {}

  /** Writes the forecasts of evaluation {@code r} into its report folder as {@link #FILE}. */
  public static Written writeInto(EvaluationJob.Result r) throws IOException {
    Path file = r.report().dir().resolve(FILE);
    return new Written(file, write(r.data(), file));
  }

  /** Writes {@code data}'s forecasts to {@code target}, atomically; returns the lines written. */
  public static long write(EvaluationData data, Path target) throws IOException {
    long[] lines = {0};
    AtomicFiles.write(
        target,
        temp -> {
          try (Writer w =
              new BufferedWriter(
                  new OutputStreamWriter(
                      new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16),
                      StandardCharsets.UTF_8),
                  1 << 16)) {
            lines[0] = write(data, w);
          }
        });
    return lines[0];
  }

  static long write(EvaluationData data, Writer w) throws IOException {
    WalkForwardConfig config = data.config();
    double[] levels = config.evaluationLevelsArray();
    int stressHorizon = config.spec().stressHorizonHours();
    double stressLevel = config.spec().stressLevel();
    List<String> models = data.models();
    StringBuilder header =
        new StringBuilder(
            "symbol,open_time_ms,fold,horizon_h,realised_variance,long_mae,stress,series_row");
    for (String m : models) {
      header.append(',').append(m).append(".variance");
      for (double level : levels) {
        header.append(',').append(m).append(".q").append(level);
      }
      header.append(',').append(m).append(".stress");
    }
    w.write(header.append('\n').toString());
    long lines = 0;
    StringBuilder line = new StringBuilder(256);
    for (AssetEvaluation a : data.assets()) {
      for (int h : config.spec().horizonsHours()) {
        HorizonTargets t = a.realised(h);
        for (int i = 0; i < a.rows(); i++) {
          if (a.fold(i) < 0 || !a.onTheHour(i)) {
            continue;
          }
          int row = a.seriesRow(i);
          boolean defined = t.isDefined(row);
          line.setLength(0);
          line.append(a.symbol())
              .append(',')
              .append(a.openTimeMs(i))
              .append(',')
              .append(a.fold(i))
              .append(',')
              .append(h)
              .append(',');
          if (defined) {
            line.append(number(t.realisedVariance(row)))
                .append(',')
                .append(number(t.longAdverseMove(row)))
                .append(',');
            if (h == stressHorizon) {
              line.append(t.longAdverseMove(row) > stressLevel ? 1 : 0);
            }
          } else {
            line.append(",,");
          }
          line.append(',').append(a.scoringRow(i));
          for (String m : models) {
            Predictions p = a.predictions(m, h);
            boolean has = p.has(i);
            line.append(',').append(has ? number(p.variance(i)) : "");
            for (int k = 0; k < levels.length; k++) {
              line.append(',').append(has ? number(p.quantile(k, i)) : "");
            }
            line.append(',');
            if (has && p.hasStress()) {
              line.append(number(p.stressProbability(i)));
            }
          }
          w.write(line.append('\n').toString());
          lines++;
        }
      }
    }
    return lines;
  }

  /** The shortest decimal that reads back as the same double; empty when not finite. */
  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
