package io.liqopt.serving.api;

import io.liqopt.serving.state.ReloadStatus;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the server's absolute file paths out of the texts it sends (health, reload outcomes): a
 * path under the data folder becomes relative to it ({@code state/governor.json}), one under the
 * models folder relative to that folder's parent ({@code models/<id>/manifest.json}), and any other
 * absolute path its file name. The server's log keeps the full paths.
 */
final class PathTexts {
  /** An absolute path: a slash not inside a word or another path, up to a space or delimiter. */
  private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.~/-])/[^\\s'\"`(),;:]*");

  private final Path dataDir;
  private final Path modelsDir;

  /**
   * @param dataDir the data folder, or null when not known
   * @param modelsDir the models folder, or null when not known
   */
  PathTexts(Path dataDir, Path modelsDir) {
    this.dataDir = absolute(dataDir);
    this.modelsDir = absolute(modelsDir);
  }

  /** {@code text} with every absolute path made relative, or null for null. */
  String relative(String text) {
    if (text == null || text.indexOf('/') < 0) {
      return text;
    }
    Matcher m = ABSOLUTE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String token = m.group();
      // a sentence's full stop is not part of the path
      int end = token.length();
      while (end > 1 && token.charAt(end - 1) == '.') {
        end--;
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(shown(token.substring(0, end)) + token.substring(end)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code status} with its message made relative. */
  ReloadStatus relative(ReloadStatus status) {
    if (status == null) {
      return null;
    }
    return new ReloadStatus(
        status.atMs(),
        status.trigger(),
        status.bundleId(),
        status.outcome(),
        relative(status.message()));
  }

  private String shown(String token) {
    Path p;
    try {
      p = Path.of(token).normalize();
    } catch (InvalidPathException e) {
      return "<path>";
    }
    if (dataDir != null && p.startsWith(dataDir)) {
      return p.equals(dataDir) ? "." : dataDir.relativize(p).toString();
    }
    if (modelsDir != null && p.startsWith(modelsDir) && modelsDir.getFileName() != null) {
      Path name = modelsDir.getFileName();
      return name.resolve(modelsDir.relativize(p)).normalize().toString();
    }
    Path name = p.getFileName();
    return name == null ? token : name.toString();
  }

  private static Path absolute(Path dir) {
    return dir == null ? null : dir.toAbsolutePath().normalize();
  }
}
