package io.liqopt.serving.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.FileSink;
import io.liqopt.core.policy.GovernorState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governor's memory on disk: every asset's {@link GovernorState}, saved after each step in one
 * of two slot files written in turn ({@code NAME.0}, {@code NAME.1} beside the name given).
 *
 * <p>A save overwrites the slot that does not hold the newest saved states, in place and at its
 * size, and forces its data to disk: one fdatasync, no rename and no folder sync, and no new size
 * for the file system's journal to commit. It sits on the path of every published snapshot, so this
 * halves the disk flushes of the atomic replacement used before (temporary file, fsync, rename,
 * folder fsync). A slot is created whole, by that atomic replacement, the two times a data folder
 * needs one.
 *
 * <p>A slot is one header line, {@code liqopt-governor 1 SEQUENCE LENGTH CRC32}, then LENGTH bytes
 * of JSON padded with spaces to the slot's size (a multiple of 4 KiB, grown when the states need
 * more); the CRC-32 covers the header's fields before it and the padded JSON. Loading keeps the
 * valid slot of the higher sequence. A crash while a slot is overwritten tears only that slot (its
 * length or checksum no longer match), and the other still holds the states saved before. Those are
 * the states served: the engine publishes a snapshot after its save returned (a save that failed is
 * kept for {@code /health}, and the snapshot is published all the same). A torn slot beside a valid
 * one is logged and ignored. Loading fails when no slot is valid although one exists (a slot once
 * complete was damaged), and when a slot is not a regular file: never a silent reset, since a lost
 * state would let LT jump past the rate limit.
 *
 * <p>A file at the name itself (the single JSON file older versions replaced atomically) is read
 * when no slot exists yet, and removed after the first save into a slot.
 *
 * <p>Not thread-safe: the engine saves under its lock.
 */
public final class GovernorStore {
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdEngine.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final String MAGIC = "liqopt-governor 1 ";

  private final Path file;
  private final FileSink sink;
  private final Path[] slots;
  private long sequence = -1; // of the newest valid slot; -1: none read or written yet
  private int newest = 1; // the slot holding it: the first save goes to slot 0
  private boolean olderFileChecked; // whether a save looked for the older single file

  public GovernorStore(Path file) {
    this(file, FileSink.FILES);
  }

  /** A store whose saves write through {@code sink} (tests pass a failing disk). */
  public GovernorStore(Path file, FileSink sink) {
    this.file = file;
    this.sink = sink;
    String name = file.getFileName().toString();
    this.slots = new Path[] {file.resolveSibling(name + ".0"), file.resolveSibling(name + ".1")};
  }

  /** The name the slots are named after (errors and logs give it). */
  public Path file() {
    return file;
  }

  /** The slot files, in order 0, 1 (either may be absent). */
  public Path[] slots() {
    return slots.clone();
  }

  /**
   * The states saved last; empty when nothing was saved yet. Also tells the next save which slot to
   * overwrite.
   *
   * @throws IOException when a slot is not a regular file, or when slots or the older single file
   *     exist but no state is readable
   */
  public Map<String, GovernorState> load() throws IOException {
    byte[] best = null;
    IOException firstError = null;
    for (int i = 0; i < 2; i++) {
      if (!Files.exists(slots[i])) {
        continue;
      }
      if (!Files.isRegularFile(slots[i])) {
        // every later save would target it and fail: refuse to start rather than go on unsaved
        throw unreadable(slots[i].toString(), "not a regular file", null);
      }
      try {
        Slot s = Slot.read(slots[i]);
        if (best == null || s.sequence() > sequence) {
          best = s.json();
          sequence = s.sequence();
          newest = i;
        }
      } catch (IOException e) {
        LOG.warn("governor state slot {} is unreadable ({})", slots[i], e.getMessage());
        firstError = firstError == null ? e : firstError;
      }
    }
    if (best != null) {
      return parse(best, slots[newest]);
    }
    if (firstError != null) {
      // a slot is created whole (below), so one that exists was complete once: this is damage
      throw unreadable("(" + slots[0] + ", " + slots[1] + ")", message(firstError), firstError);
    }
    return Files.exists(file) ? parse(readOld(), file) : new TreeMap<>();
  }

  /**
   * Overwrites the older slot with {@code states} and forces it to disk. A slot that does not exist
   * yet (twice in a data folder's life) is created whole: temporary file, fsync, rename, folder
   * fsync ({@link AtomicFiles}), so that a crash then leaves no torn slot beside no valid one.
   *
   * @throws IOException naming the slot when it cannot be written (a full disk): the newest saved
   *     states stay in the other slot, and the next save tries the same slot again
   */
  public void save(Map<String, GovernorState> states) throws IOException {
    if (sequence < 0 && (Files.exists(slots[0]) || Files.exists(slots[1]))) {
      load(); // never overwrite the newest slot of an earlier run
    }
    int target = 1 - newest;
    Path slot = slots[target];
    byte[] json = JSON.writeValueAsBytes(new TreeMap<>(states));
    byte[] bytes = Slot.encode(sequence + 1, json, 0);
    long size = regularFileSize(slot);
    // a slot kept at its size unless the states need less than half of it (it is then made anew)
    boolean inPlace = size >= 0 && size <= 2L * bytes.length;
    if (inPlace && size > bytes.length) {
      bytes = Slot.encode(sequence + 1, json, size);
    }
    // a pending interrupt waits until the save is done (the syncs are file channels, which an
    // interrupt would close)
    boolean interrupted = Thread.interrupted();
    try {
      if (!inPlace) {
        AtomicFiles.write(slot, AtomicFiles.bytes(bytes, sink));
      } else {
        overwrite(slot, bytes);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    CrashPoints.reach(CrashPoints.GOVERNOR_SYNCED);
    sequence++;
    newest = target;
    if (!olderFileChecked) { // once per store: not a file-system call on every snapshot
      olderFileChecked = true;
      if (Files.isRegularFile(file)) {
        try {
          Files.delete(file); // the older single file, now superseded
        } catch (IOException e) {
          LOG.warn("cannot remove the superseded governor state {}: {}", file, message(e));
        }
      }
    }
  }

  /** The size of {@code slot} when it is a regular file, else -1: one file-system call a save. */
  private static long regularFileSize(Path slot) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(slot, BasicFileAttributes.class);
      return a.isRegularFile() ? a.size() : -1;
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  /**
   * Overwrites an existing slot in place, at its size, and forces its data to disk: one fdatasync,
   * with no change of size to journal.
   */
  private void overwrite(Path slot, byte[] bytes) throws IOException {
    try {
      try (OutputStream out = sink.overwrite(slot)) {
        out.write(bytes);
      }
      boolean interrupted = false;
      for (int attempt = 1; ; attempt++) {
        try (FileChannel sync = FileChannel.open(slot, StandardOpenOption.WRITE)) {
          sync.force(false);
          break;
        } catch (ClosedByInterruptException e) {
          // an interrupt during the sync closed the channel: the bytes are written, sync again
          interrupted |= Thread.interrupted();
          if (attempt == 3) {
            throw e;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt(); // kept for the caller, once the data is synced
      }
    } catch (IOException e) {
      throw new IOException("cannot write " + slot + ": " + e.getMessage(), e);
    }
  }

  private byte[] readOld() throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file.toString(), message(e), e);
    }
  }

  private static Map<String, GovernorState> parse(byte[] json, Path from) throws IOException {
    try {
      return new TreeMap<>(
          JSON.readValue(json, new TypeReference<Map<String, GovernorState>>() {}));
    } catch (IOException | RuntimeException e) {
      throw unreadable(from.toString(), message(e), e);
    }
  }

  private static String message(Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return why.lines().findFirst().orElse("");
  }

  private static IOException unreadable(String what, String why, Exception cause) {
    return new IOException(
        "governor state "
            + what
            + " is unreadable ("
            + why
            + "); move it away to start the governor afresh",
        cause);
  }

  /** One slot's content: its sequence and its JSON, checked against the header. */
  record Slot(long sequence, byte[] json) {
    /** Slots grow in steps of this many bytes. */
    static final int BLOCK = 4096;

    /**
     * The slot's bytes: the JSON padded with spaces (which JSON ignores) to make the slot {@code
     * size} bytes, or more when it needs more: then to a multiple of {@value #BLOCK}. A save then
     * rewrites a slot at its size, so the file system has no new size to record.
     */
    static byte[] encode(long sequence, byte[] json, long size) {
      // the header with a fixed-width checksum: MAGIC, sequence, ' ', length, ' ', 8 hex, '\n'
      int fixed = MAGIC.length() + Long.toString(sequence).length() + 11;
      long need = fixed + Integer.toString(json.length).length() + json.length;
      long total = size >= need ? size : (need + BLOCK - 1) / BLOCK * BLOCK;
      int padded = (int) (total - fixed - Long.toString(total).length());
      padded = (int) (total - fixed - Integer.toString(padded).length());
      byte[] body = java.util.Arrays.copyOf(json, Math.max(json.length, padded));
      java.util.Arrays.fill(body, json.length, body.length, (byte) ' ');
      String fields = MAGIC + sequence + " " + body.length + " ";
      byte[] head =
          (fields + String.format(Locale.ROOT, "%08x", checksum(fields, body)) + "\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[head.length + body.length];
      System.arraycopy(head, 0, out, 0, head.length);
      System.arraycopy(body, 0, out, head.length, body.length);
      return out;
    }

    /** CRC-32 of the header's fields before it and of the JSON: a torn header fails it too. */
    private static long checksum(String fields, byte[] json) {
      CRC32 crc = new CRC32();
      crc.update(fields.getBytes(StandardCharsets.US_ASCII));
      crc.update(json);
      return crc.getValue();
    }

    /**
     * @throws IOException when the slot cannot be read, or is torn or corrupt
     */
    static Slot read(Path slot) throws IOException {
      byte[] all = Files.readAllBytes(slot);
      int nl = 0;
      while (nl < all.length && nl < 128 && all[nl] != '\n') {
        nl++;
      }
      String head = new String(all, 0, Math.min(nl, all.length), StandardCharsets.US_ASCII);
      if (nl >= all.length || !head.startsWith(MAGIC)) {
        throw new IOException("no slot header");
      }
      String[] f = head.substring(MAGIC.length()).split(" ");
      try {
        long sequence = Long.parseLong(f[0]);
        int length = Integer.parseInt(f[1]);
        long expected = Long.parseLong(f[2], 16);
        if (f.length != 3 || sequence < 0 || length != all.length - nl - 1) {
          throw new IOException("torn: " + (all.length - nl - 1) + " bytes, header says " + length);
        }
        byte[] json = java.util.Arrays.copyOfRange(all, nl + 1, all.length);
        String fields = head.substring(0, head.lastIndexOf(' ') + 1);
        if (checksum(fields, json) != expected) {
          throw new IOException("checksum mismatch");
        }
        return new Slot(sequence, json);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IOException("bad slot header: " + head, e);
      }
    }
  }
}
