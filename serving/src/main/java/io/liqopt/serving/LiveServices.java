package io.liqopt.serving;

import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.api.Service;
import io.liqopt.serving.book.LiveBook;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.feeds.LivePrices;
import io.liqopt.serving.state.IngestRejected;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.serving.stream.EngineEvents;
import io.liqopt.serving.stream.Webhook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a {@link Server}, started once the engine is loaded: the event journal fed by
 * the engine's publishes, the live prices when configured (their staleness fed to the engine, a
 * flip recomputing the thresholds; the assembled bars into its ingest; then the feeds), and the
 * position book when configured. Closed with the server.
 */
final class LiveServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private LivePrices prices;
  private LiveBook book;
  private final List<Webhook> webhooks = new ArrayList<>();

  private LiveServices() {}

  static LiveServices start(
      Server.Options options, ThresholdEngine engine, Service service, Consumer<String> progress)
      throws IOException {
    LiveServices s = new LiveServices();
    EngineEvents events = new EngineEvents(service.journal());
    engine.onPublishChange(events::published);
    events.published(null, engine.state());
    service.streamSnapshot(events.snapshot());
    for (int i = 0; i < options.webhooks().size(); i++) {
      s.webhooks.add(Webhook.start(options.webhooks().get(i), service.journal(), 31L * i + 7));
    }
    service.webhooks(List.copyOf(s.webhooks));
    LiveOptions o = options.live();
    if (o != null) {
      s.prices = prices(o, engine, events);
      service.live(s.prices);
    }
    if (options.book() != null) {
      s.book =
          LiveBook.start(options.settings().dataDir(), options.book(), engine, s.prices, progress);
      s.book.addListener(events::positions);
      service.book(s.book);
    }
    if (o != null) {
      List<String> symbols = List.copyOf(s.prices.symbols());
      for (var feed : o.feeds()) {
        s.prices.start(feed.apply(symbols));
      }
    }
    return s;
  }

  private static LivePrices prices(LiveOptions o, ThresholdEngine e, EngineEvents events) {
    LivePrices lp =
        new LivePrices(
            new TreeSet<>(e.state().assets().keySet()),
            o.guard(),
            o.barGraceMs(),
            e::wallMillis,
            bar -> ingestBar(e, bar),
            o.sweepMs());
    Map<String, Boolean> staleSeen = new ConcurrentHashMap<>();
    lp.addListener(events::live);
    lp.addListener(
        c -> {
          Boolean before = staleSeen.put(c.symbol(), c.stale());
          if (before == null || before != c.stale()) {
            e.livePriceStaleness(lp::stale);
          }
        });
    e.livePriceStaleness(lp::stale);
    return lp;
  }

  /** An assembled bar through the engine's ingest (the write-ahead log of the bars route). */
  private static void ingestBar(ThresholdEngine e, BarSeries bar) {
    try {
      e.ingest(List.of(bar));
    } catch (IOException | IngestRejected ex) {
      throw new IllegalStateException(ex.getMessage(), ex);
    }
  }

  /** The position book, or null when off. */
  LiveBook book() {
    return book;
  }

  @Override
  public void close() {
    webhooks.forEach(Webhook::close);
    if (prices != null) {
      prices.close();
    }
    try {
      if (book != null) {
        book.close();
      }
    } catch (IOException e) {
      LOG.error("closing the position book: {}", e.getMessage());
    }
  }
}
