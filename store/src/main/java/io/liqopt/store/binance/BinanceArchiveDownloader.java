package io.liqopt.store.binance;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.market.BarInterval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Fetches {@code
 * <base>/data/spot/monthly/klines/<SYMBOL>/<interval>/<SYMBOL>-<interval>-<YYYY-MM>.zip} and its
 * {@code .zip.CHECKSUM} ({@code "<sha256> <file name>"}) for each month of a range.
 *
 * <p>Per month: a month the caller already has (the {@code alreadyStored} predicate) is skipped
 * without network; a month whose verified archive is in the cache folder is reused; otherwise the
 * archive is downloaded to a temporary file while hashing, compared with the published checksum,
 * and only then renamed into the cache. A month the server does not have (404) is reported as
 * missing (a gap, e.g. before the symbol was listed); a checksum mismatch or another HTTP error is
 * a failure of that month, which never reaches the cache. Thread-safe if the cache is not shared.
 */
public final class BinanceArchiveDownloader {
  /** Binance's public data site. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://data.binance.vision");

  private static final int ATTEMPTS = 3;

  private final URI baseUrl;
  private final HttpClient http;

  public BinanceArchiveDownloader(URI baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** What happened to one month. */
  public enum Status {
    /** Downloaded and verified now. */
    DOWNLOADED,
    /** A verified archive was already in the cache. */
    CACHED,
    /** The store already holds the whole month; nothing fetched. */
    ALREADY_STORED,
    /** The server has no archive for the month (404): a gap. */
    MISSING,
    /** Checksum mismatch, HTTP or network error: the month is not used. */
    FAILED
  }

  /**
   * One month's outcome.
   *
   * @param archive the verified zip (DOWNLOADED, CACHED), else null
   * @param error what went wrong (FAILED, MISSING), else null
   */
  public record MonthResult(
      YearMonth month, Status status, Path archive, long bytes, String error) {}

  /** Called after each month. */
  @FunctionalInterface
  public interface Listener {
    void monthDone(MonthResult result, int done, int total);
  }

  /** The archive file name of a month. */
  public static String archiveName(String symbol, BarInterval interval, YearMonth month) {
    return symbol + "-" + interval.label() + "-" + month + ".zip";
  }

  /** The archive URL of a month. */
  public URI archiveUrl(String symbol, BarInterval interval, YearMonth month) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/data/spot/monthly/klines/"
            + symbol
            + "/"
            + interval.label()
            + "/"
            + archiveName(symbol, interval, month));
  }

  /**
   * Fetches every month in [from, to].
   *
   * @param cacheDir where verified archives are kept (created if needed)
   * @param alreadyStored months to skip without network
   */
  public List<MonthResult> download(
      String symbol,
      BarInterval interval,
      YearMonth from,
      YearMonth to,
      Path cacheDir,
      Predicate<YearMonth> alreadyStored,
      Listener listener)
      throws IOException {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("--from " + from + " is after --to " + to);
    }
    Files.createDirectories(cacheDir);
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    List<MonthResult> results = new ArrayList<>();
    for (YearMonth m : months) {
      MonthResult r =
          alreadyStored.test(m)
              ? new MonthResult(m, Status.ALREADY_STORED, null, 0, null)
              : fetch(symbol, interval, m, cacheDir);
      results.add(r);
      listener.monthDone(r, results.size(), months.size());
    }
    return results;
  }

  private MonthResult fetch(String symbol, BarInterval interval, YearMonth month, Path cacheDir) {
    String name = archiveName(symbol, interval, month);
    Path archive = cacheDir.resolve(name);
    Path checksumFile = cacheDir.resolve(name + ".CHECKSUM");
    URI url = archiveUrl(symbol, interval, month);
    try {
      if (verifiedInCache(archive, checksumFile, name)) {
        return new MonthResult(month, Status.CACHED, archive, Files.size(archive), null);
      }
      HttpResponse<byte[]> sumResponse =
          get(URI.create(url + ".CHECKSUM"), HttpResponse.BodyHandlers.ofByteArray());
      if (sumResponse.statusCode() == 404) {
        HttpResponse<Void> head = head(url);
        return head.statusCode() == 404
            ? new MonthResult(month, Status.MISSING, null, 0, "not on the server (404)")
            : new MonthResult(
                month,
                Status.FAILED,
                null,
                0,
                url + ".CHECKSUM: not published; " + "refusing an unverified archive");
      }
      if (sumResponse.statusCode() != 200) {
        return failed(month, url + ".CHECKSUM: HTTP " + sumResponse.statusCode());
      }
      String checksumText = new String(sumResponse.body(), StandardCharsets.UTF_8);
      String expected = expectedSha(checksumText, name);
      HttpResponse<InputStream> zip = get(url, HttpResponse.BodyHandlers.ofInputStream());
      if (zip.statusCode() != 200) {
        zip.body().close();
        return zip.statusCode() == 404
            ? new MonthResult(month, Status.MISSING, null, 0, "not on the server (404)")
            : failed(month, url + ": HTTP " + zip.statusCode());
      }
      String[] actual = new String[1];
      long[] size = new long[1];
      try {
        AtomicFiles.write(
            archive,
            temp -> {
              MessageDigest md = sha256Digest();
              try (InputStream in = zip.body();
                  OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md)) {
                size[0] = in.transferTo(out);
              }
              actual[0] = HexFormat.of().formatHex(md.digest());
              if (!actual[0].equals(expected)) {
                throw new ChecksumMismatch(
                    name
                        + ": SHA-256 mismatch (published "
                        + expected
                        + ", downloaded "
                        + actual[0]
                        + "); archive discarded");
              }
            });
      } catch (ChecksumMismatch e) {
        return failed(month, e.getMessage());
      }
      AtomicFiles.write(checksumFile, checksumText.getBytes(StandardCharsets.UTF_8));
      return new MonthResult(month, Status.DOWNLOADED, archive, size[0], null);
    } catch (IOException e) {
      return failed(month, url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(month, "interrupted");
    }
  }

  private static MonthResult failed(YearMonth month, String why) {
    return new MonthResult(month, Status.FAILED, null, 0, why);
  }

  /** True if a cached archive matches its cached checksum; any problem means "fetch again". */
  private static boolean verifiedInCache(Path archive, Path checksumFile, String name) {
    try {
      return Files.isRegularFile(archive)
          && Files.isRegularFile(checksumFile)
          && expectedSha(Files.readString(checksumFile), name).equals(sha256(archive));
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<Void> head(URI uri) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(1))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private <T> HttpResponse<T> get(URI uri, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(), handler);
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    URI uri = req.uri();
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<T> r = http.send(req, handler);
        if (r.statusCode() < 500 || attempt == ATTEMPTS) {
          return r;
        }
        if (r.body() instanceof InputStream in) {
          in.close();
        }
      } catch (IOException e) {
        last = e;
      }
      if (attempt < ATTEMPTS) {
        Thread.sleep(250L * attempt); // back off before retrying a transient failure
      }
    }
    throw last != null ? last : new IOException(uri + ": server error");
  }

  /** The hex digest in a CHECKSUM file, which must name {@code fileName}. */
  static String expectedSha(String checksumText, String fileName) throws IOException {
    String[] parts = checksumText.trim().split("\\s+");
    if (!parts[0].matches("[0-9a-fA-F]{64}")) {
      throw new IOException(fileName + ".CHECKSUM: not a SHA-256 checksum file");
    }
    if (parts.length >= 2 && !parts[1].replaceFirst("^\\*", "").equals(fileName)) {
      throw new IOException(fileName + ".CHECKSUM: names another file (" + parts[1] + ")");
    }
    return parts[0].toLowerCase(Locale.ROOT);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = sha256Digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Thrown inside the atomic write so the unverified temp file is deleted, never renamed. */
  private static final class ChecksumMismatch extends IOException {
    private static final long serialVersionUID = 1L;

    ChecksumMismatch(String message) {
      super(message);
    }
  }
}
