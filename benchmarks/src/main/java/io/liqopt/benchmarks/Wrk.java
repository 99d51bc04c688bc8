package io.liqopt.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (closed loop: every connection sends its next request on each response). */
final class Wrk {
  /**
   * One wrk run.
   *
   * @param rps "Requests/sec"
   * @param latencyMs wrk's closed-loop latency percentiles (50, 75, 90, 99), in ms
   * @param non2xx "Non-2xx or 3xx responses"
   * @param socketErrors the sum of wrk's socket errors (connect, read, write, timeout)
   */
  record Result(
      double rps,
      long requests,
      Map<String, Double> latencyMs,
      long non2xx,
      long socketErrors,
      String output) {}

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern PCT =
      Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final String exe;
  private final int threads;
  private final int connections;

  Wrk(String exe, int threads, int connections) {
    this.exe = exe;
    this.threads = threads;
    this.connections = connections;
  }

  String settings() {
    return "wrk -t" + threads + " -c" + connections + " --latency";
  }

  /** The version line of the executable, or null when it cannot run. */
  static String version(String exe) {
    try {
      Process p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().findFirst().orElse("").trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A Lua script that POSTs the contents of {@code body} (a JSON file) with extra headers. */
  static Path postScript(Path dir, String name, Path body, String... headers) throws IOException {
    StringBuilder lua = new StringBuilder();
    lua.append("local f = assert(io.open(\"")
        .append(body.toAbsolutePath())
        .append("\", \"rb\"))\n")
        .append("wrk.method = \"POST\"\n")
        .append("wrk.body = f:read(\"*a\")\n")
        .append("f:close()\n")
        .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    for (String h : headers) {
      int colon = h.indexOf(':');
      lua.append("wrk.headers[\"")
          .append(h, 0, colon)
          .append("\"] = \"")
          .append(h.substring(colon + 1).trim())
          .append("\"\n");
    }
    Path script = dir.resolve(name + ".lua");
    Files.writeString(script, lua.toString());
    return script;
  }

  /** Runs wrk for {@code seconds} against {@code url}, with {@code script} when not null. */
  Result run(String url, int seconds, Path script) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(exe, "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
    if (script != null) {
      cmd.add("-s");
      cmd.add(script.toString());
    }
    cmd.add(url);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    Matcher m = RPS.matcher(out);
    if (rc != 0 || !m.find()) {
      throw new IOException("wrk failed (exit " + rc + "): " + out);
    }
    double rps = Double.parseDouble(m.group(1));
    Matcher r = REQUESTS.matcher(out);
    long requests = r.find() ? Long.parseLong(r.group(1)) : -1;
    Map<String, Double> pct = new LinkedHashMap<>();
    Matcher pm = PCT.matcher(out);
    while (pm.find()) {
      double v = Double.parseDouble(pm.group(2));
      double ms =
          switch (pm.group(3)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
          };
      pct.put("p" + pm.group(1), ms);
    }
    Matcher n = NON2XX.matcher(out);
    long non2xx = n.find() ? Long.parseLong(n.group(1)) : 0;
    Matcher s = SOCKET.matcher(out);
    long socket = 0;
    if (s.find()) {
      for (int g = 1; g <= 4; g++) {
        socket += Long.parseLong(s.group(g));
      }
    }
    return new Result(rps, requests, pct, non2xx, socket, out);
  }
}
