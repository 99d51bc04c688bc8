package io.liqopt.store.binance;

import com.sun.net.httpserver.HttpServer;
import io.liqopt.core.market.BarInterval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local stand-in for data.binance.vision serving the same layout: monthly kline zips and their
 * CHECKSUM files. Months can be made missing or given a wrong checksum. Port 0, loopback only.
 */
public final class BinanceArchiveServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  /** Requests per path. */
  public final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public BinanceArchiveServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          byte[] body = files.get(path);
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, "HEAD".equals(ex.getRequestMethod()) ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
          ex.close();
        });
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Publishes a month of hourly klines (one row per hour, times in µs from 2025 on as Binance
   * does), with a correct checksum unless {@code corruptChecksum}.
   */
  public void publishMonth(
      String symbol, YearMonth month, double startPrice, boolean corruptChecksum) throws Exception {
    BarInterval iv = BarInterval.H1;
    String name = BinanceArchiveDownloader.archiveName(symbol, iv, month);
    long start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long unit = month.getYear() >= 2025 ? 1000 : 1;
    StringBuilder csv = new StringBuilder();
    double p = startPrice;
    for (long t = start; t < end; t += iv.millis()) {
      double c = p * (1 + 0.001 * Math.sin(t / 3.6e6));
      csv.append(t * unit)
          .append(',')
          .append(p)
          .append(',')
          .append(Math.max(p, c) * 1.001)
          .append(',')
          .append(Math.min(p, c) * 0.999)
          .append(',')
          .append(c)
          .append(",10,")
          .append((t + iv.millis()) * unit - 1)
          .append(',')
          .append(10 * c)
          .append(",5,4,40,0\n");
      p = c;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name.replace(".zip", ".csv")));
      zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    byte[] zipBytes = bytes.toByteArray();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zipBytes));
    if (corruptChecksum) {
      sha = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
    }
    String dir = "/data/spot/monthly/klines/" + symbol + "/" + iv.label() + "/";
    files.put(dir + name, zipBytes);
    files.put(
        dir + name + ".CHECKSUM", (sha + "  " + name + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public int hitsOn(String pathSuffix) {
    return hits.entrySet().stream()
        .filter(e -> e.getKey().endsWith(pathSuffix))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
