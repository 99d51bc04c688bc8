package io.liqopt.serving.feeds;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One kline stream connection's listener: each message read as it completes, on the socket's
 * thread, then one more frame requested ({@code request(1)}: nothing queues); the fragments of a
 * message assembled up to {@code maxChars} (a longer message, or a binary one, is counted malformed
 * and dropped). The JDK's callbacks come one at a time; {@link #done()}, {@link #messages()} and
 * {@link #lastFrameNs()} are read by the feed's supervisor.
 */
final class KlineListener implements WebSocket.Listener {
  private final CompletableFuture<String> done = new CompletableFuture<>();
  private final String source;
  private final int maxChars;
  private final FeedCounters counters;
  private final QuoteSink sink;
  private final StringBuilder text = new StringBuilder();
  private boolean oversize;
  private volatile long messages;
  private volatile long lastFrameNs = System.nanoTime();
  private volatile boolean abandoned;

  KlineListener(String source, int maxChars, FeedCounters counters, QuoteSink sink) {
    this.source = source;
    this.maxChars = maxChars;
    this.counters = counters;
    this.sink = sink;
  }

  /** Completes with why the connection ended (closed by the server, or an error). */
  CompletableFuture<String> done() {
    return done;
  }

  /** Messages read on this connection. */
  long messages() {
    return messages;
  }

  /** When the last frame (message, fragment, ping or pong) came, {@link System#nanoTime()}. */
  long lastFrameNs() {
    return lastFrameNs;
  }

  /**
   * Drops this listener's connection when it opens, or at its next frame: the supervisor gave up
   * waiting for it.
   */
  void abandon() {
    abandoned = true;
  }

  @Override
  public void onOpen(WebSocket ws) {
    if (abandoned) {
      ws.abort();
      return;
    }
    // counted here, not when the supervisor's connect returns: frames may arrive before that
    counters.connects.incrementAndGet();
    counters.state("connected");
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    if (abandoned) {
      ws.abort();
      return null;
    }
    lastFrameNs = System.nanoTime();
    if (!oversize) {
      if (text.length() + data.length() > maxChars) {
        oversize = true;
        text.setLength(0);
      } else {
        text.append(data);
      }
    }
    if (last) {
      messages++;
      counters.messages.incrementAndGet();
      if (oversize) {
        counters.malformed.incrementAndGet();
      } else {
        read(text.toString());
      }
      oversize = false;
      text.setLength(0);
    }
    ws.request(1);
    return null;
  }

  private void read(String message) {
    try {
      if (KlineMessages.deliver(message, source, sink) == KlineMessages.Kind.MALFORMED) {
        counters.malformed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // the sink's failure is not the stream's: kept for the status, the stream goes on
      counters.error("sink: " + FeedCounters.describe(e));
    }
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    lastFrameNs = System.nanoTime();
    if (last) {
      messages++;
      counters.messages.incrementAndGet();
      counters.malformed.incrementAndGet();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    // the JDK answers a ping with a pong carrying the same payload, as Binance requires
    lastFrameNs = System.nanoTime();
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    lastFrameNs = System.nanoTime();
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    done.complete("closed by the server: " + statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    done.complete("stream error: " + FeedCounters.describe(error));
  }
}
