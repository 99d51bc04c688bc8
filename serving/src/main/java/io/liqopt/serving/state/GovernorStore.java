package io.liqopt.serving.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.FileSink;
import io.liqopt.core.policy.GovernorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The governor's memory on disk: one JSON file of every asset's {@link GovernorState}, replaced
 * atomically (temporary file, fsync, rename, directory fsync) after each step, so a crash leaves
 * either the old or the new states, never a torn file.
 */
public final class GovernorStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path file;
  private final FileSink sink;

  public GovernorStore(Path file) {
    this(file, FileSink.FILES);
  }

  /** A store whose saves write through {@code sink} (tests pass a failing disk). */
  public GovernorStore(Path file, FileSink sink) {
    this.file = file;
    this.sink = sink;
  }

  public Path file() {
    return file;
  }

  /**
   * The states saved last; empty when there is no file yet.
   *
   * @throws IOException when the file exists but cannot be read or parsed (never silently reset: a
   *     lost state would let LT jump past the rate limit)
   */
  public Map<String, GovernorState> load() throws IOException {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(
          JSON.readValue(file.toFile(), new TypeReference<Map<String, GovernorState>>() {}));
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "governor state "
              + file
              + " is unreadable ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); move it away to start the governor afresh",
          e);
    }
  }

  /**
   * Replaces the file with {@code states}.
   *
   * @throws IOException naming the file when it cannot be written (a full disk): the old states
   *     stay in place
   */
  public void save(Map<String, GovernorState> states) throws IOException {
    AtomicFiles.write(
        file,
        AtomicFiles.bytes(JSON.writeValueAsBytes(new TreeMap<>(states)), sink),
        () -> CrashPoints.reach(CrashPoints.GOVERNOR_SYNCED));
  }
}
