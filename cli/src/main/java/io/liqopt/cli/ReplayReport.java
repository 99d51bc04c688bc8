package io.liqopt.cli;

import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.TablePage;
import io.liqopt.serving.replay.MarketReplay;
import io.liqopt.serving.replay.ReplayHour;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The report of {@code replay}: metrics.json, the hour-by-hour table and its charts. */
final class ReplayReport {
  private static final String ENTERED = "liquidatable-entered";
  private static final String LEFT = "liquidatable-left";
  private static final String ALERT = "guard-alert";
  private static final String STALE = "asset-stale";
  private static final String THRESHOLDS = "thresholds";

  private ReplayReport() {}

  /** Writes the report folder; returns its index.html. */
  static Path write(
      Path reportsRoot, Instant now, MarketReplay.Result r, MarketReplay.Settings s, String model)
      throws IOException {
    RunReport report = RunReport.create(reportsRoot, "replay", now);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("fromMs", s.fromMs());
    metrics.put("toMs", s.toMs());
    metrics.put("model", model == null ? "bundle in " + s.engine().modelsDir() : model);
    metrics.put("positions", s.positions());
    metrics.put("seed", s.seed());
    metrics.put("speed", s.speed());
    metrics.put("stepsPerHour", s.stepsPerHour());
    metrics.put("guard", s.guard());
    metrics.put("result", r);
    report.writeMetrics(metrics);
    List<Chart> charts = new ArrayList<>();
    charts.add(
        chart(report, "prices", prices(r), "each asset's price over its price at the start"));
    charts.add(chart(report, "lt", lts(r), "each asset's served liquidation threshold"));
    charts.add(
        chart(report, "book", book(r), "liquidatable debt, the queue's repay and the cliff"));
    charts.add(chart(report, "events", events(r), "the stream's events per hour"));
    List<String> lead = new ArrayList<>();
    lead.add(
        String.format(
            Locale.ROOT,
            "%d hours of %s from %s through the live engine (%s), %d positions in a synthetic"
                + " book (seed %d: one or two collateral assets, collateral ~10 000 quote, HF at"
                + " the start 1.02 + lognormal of median 0.35), prices from three venues of a"
                + " mock exchange at %d updates an hour, played at %.0f× market time; %.0f s of"
                + " wall time.",
            r.hours().size(),
            String.join(", ", r.symbols()),
            Instant.ofEpochMilli(s.fromMs()),
            model == null ? "the bundle in " + s.engine().modelsDir() : model,
            s.positions(),
            s.seed(),
            s.stepsPerHour(),
            s.speed(),
            r.wallSeconds()));
    lead.add("Faults injected: " + String.join("; ", r.faults()) + ".");
    lead.add(summary(r));
    List<String> notes = new ArrayList<>();
    notes.add("Venues at the end: " + r.sources() + ".");
    notes.add(
        "Guard alerts and staleness flips"
            + (r.alerts().size() >= 500 ? " (the first 500)" : "")
            + ": "
            + (r.alerts().isEmpty() ? "none" : String.join("; ", r.alerts()))
            + ".");
    notes.add(
        "Each row is read through the API once the hour's bars are in (or 10 s of wall time"
            + " passed: 'late'); events are counted in the hour they arrived, so the thresholds"
            + " of an hour's bar show in the next row.");
    return report.writePage(
        new TablePage(
            "Replay through the live engine",
            lead,
            List.of(
                "hour (UTC)",
                r.factor() + " price",
                r.factor() + " LT",
                "stale assets",
                "liquidatable (debt)",
                "entered / left",
                "queue repay (next slices)",
                "guard alerts",
                "threshold events",
                "bars"),
            rows(r),
            notes,
            charts));
  }

  /** One line of what the replay did. */
  static String summary(MarketReplay.Result r) {
    ReplayHour worst = r.hours().get(0);
    long entered = 0;
    long alerts = 0;
    int staleHours = 0;
    int late = 0;
    for (ReplayHour h : r.hours()) {
      if (h.book().liquidatableDebtQuote() > worst.book().liquidatableDebtQuote()) {
        worst = h;
      }
      entered += h.events().getOrDefault(ENTERED, 0L);
      alerts += h.events().getOrDefault(ALERT, 0L);
      staleHours += stale(h).isEmpty() ? 0 : 1;
      late += h.barsIn() ? 0 : 1;
    }
    return String.format(
        Locale.ROOT,
        "Most liquidatable debt %.0f (%d positions) after %s; %d entries into the liquidatable"
            + " set; %d guard alerts; %d hours with a stale asset; %d hours whose bars were late.",
        worst.book().liquidatableDebtQuote(),
        worst.book().liquidatable(),
        Instant.ofEpochMilli(worst.hourMs()),
        entered,
        alerts,
        staleHours,
        late);
  }

  private static List<List<String>> rows(MarketReplay.Result r) {
    List<List<String>> rows = new ArrayList<>();
    for (ReplayHour h : r.hours()) {
      ReplayHour.Asset f = h.assets().get(r.factor());
      Map<String, Long> e = h.events();
      rows.add(
          List.of(
              Instant.ofEpochMilli(h.hourMs()).toString().substring(0, 16),
              f == null ? "" : String.format(Locale.ROOT, "%.6g", f.price()),
              f == null ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * f.lt()),
              String.join(" ", stale(h)),
              String.format(
                  Locale.ROOT,
                  "%d (%.0f)",
                  h.book().liquidatable(),
                  h.book().liquidatableDebtQuote()),
              e.getOrDefault(ENTERED, 0L) + " / " + e.getOrDefault(LEFT, 0L),
              String.format(
                  Locale.ROOT,
                  "%.0f (%.0f)",
                  h.queue().repayQuote(),
                  h.queue().nextSliceRepayQuote()),
              Long.toString(e.getOrDefault(ALERT, 0L) + e.getOrDefault(STALE, 0L)),
              Long.toString(e.getOrDefault(THRESHOLDS, 0L)),
              h.barsIn() ? "in" : "late"));
    }
    return rows;
  }

  private static List<String> stale(ReplayHour h) {
    List<String> out = new ArrayList<>();
    h.assets()
        .forEach(
            (symbol, a) -> {
              if (a.livePriceStale() || a.thresholdsStale()) {
                out.add(symbol);
              }
            });
    return out;
  }

  private static Chart chart(RunReport report, String name, ChartSpec spec, String alt)
      throws IOException {
    return new Chart(report.writeChart(name, spec), alt);
  }

  private static long[] times(MarketReplay.Result r) {
    return r.hours().stream().mapToLong(h -> h.hourMs() + MarketReplay.HOUR_MS).toArray();
  }

  private static double[] series(MarketReplay.Result r, ToDoubleFunction<ReplayHour> f) {
    return r.hours().stream().mapToDouble(f).toArray();
  }

  private static ChartSpec prices(MarketReplay.Result r) {
    ChartSpec.Builder b =
        ChartSpec.overTime("Prices, relative to the start").yAxisTitle("price / start");
    for (String symbol : r.symbols()) {
      double p0 = r.start().assets().get(symbol).price();
      b.add(
          ChartSeries.overTime(
              symbol,
              times(r),
              series(r, h -> h.assets().get(symbol).price() / p0),
              ChartSeries.Style.LINE));
    }
    return b.build();
  }

  private static ChartSpec lts(MarketReplay.Result r) {
    ChartSpec.Builder b = ChartSpec.overTime("Liquidation thresholds").yAxisTitle("LT");
    for (String symbol : r.symbols()) {
      b.add(
          ChartSeries.overTime(
              symbol,
              times(r),
              series(r, h -> h.assets().get(symbol).lt()),
              ChartSeries.Style.LINE));
    }
    return b.build();
  }

  private static ChartSpec book(MarketReplay.Result r) {
    return ChartSpec.overTime("The book")
        .yAxisTitle("quote")
        .add(
            ChartSeries.overTime(
                "liquidatable debt",
                times(r),
                series(r, h -> h.book().liquidatableDebtQuote()),
                ChartSeries.Style.LINE_WITH_MARKERS))
        .add(
            ChartSeries.overTime(
                "queue repay",
                times(r),
                series(r, h -> h.queue().repayQuote()),
                ChartSeries.Style.LINE))
        .add(
            ChartSeries.overTime(
                "debt liquidatable after a further −5 %",
                times(r), series(r, h -> h.book().cliffDebtQuote()[1]), ChartSeries.Style.LINE))
        .build();
  }

  private static ChartSpec events(MarketReplay.Result r) {
    ChartSpec.Builder b = ChartSpec.overTime("Stream events per hour").yAxisTitle("count");
    for (String type : List.of(ENTERED, LEFT, ALERT, STALE)) {
      b.add(
          ChartSeries.overTime(
              type,
              times(r),
              series(r, h -> h.events().getOrDefault(type, 0L)),
              ChartSeries.Style.LINE_WITH_MARKERS));
    }
    return b.build();
  }
}
