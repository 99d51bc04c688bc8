package io.liqopt.serving.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.market.Bars;
import io.liqopt.core.policy.GovernorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernorStoreTest {
  @TempDir Path dir;

  private static Map<String, GovernorState> states(int step) {
    return Map.of(
        "BTCUSDT",
        new GovernorState("BTCUSDT", 0.80 - 0.001 * step, Bars.T0 + step * Bars.H, List.of()),
        "ETHUSDT",
        new GovernorState("ETHUSDT", 0.75 + 0.001 * step, Bars.T0 + step * Bars.H, List.of()));
  }

  private Path file() {
    return dir.resolve("state").resolve("governor.json");
  }

  @Test
  void slots_keepTheirSize_acrossSaves_growingByBlocksWhenTheStatesNeedMore() throws IOException {
    GovernorStore store = new GovernorStore(file());
    for (int step = 0; step < 12; step++) { // the sequence reaches two digits
      store.save(states(step));
    }
    assertEquals(4096, Files.size(store.slots()[0]));
    assertEquals(4096, Files.size(store.slots()[1]));
    Map<String, GovernorState> many = new java.util.TreeMap<>();
    for (int i = 0; i < 200; i++) {
      many.put("A" + i, new GovernorState("A" + i, 0.8, Bars.T0, List.of()));
    }
    store.save(many);
    long grown = Files.size(store.slots()[0]);
    assertTrue(grown > 4096 && grown % 4096 == 0, "grown to " + grown);
    assertEquals(many, new GovernorStore(file()).load());
    store.save(states(13)); // into the other slot: its size kept
    assertEquals(4096, Files.size(store.slots()[1]));
    assertEquals(states(13), new GovernorStore(file()).load());
    store.save(states(14)); // the grown slot, over twice what these need: made anew at 4 KiB
    assertEquals(4096, Files.size(store.slots()[0]));
    assertEquals(states(14), new GovernorStore(file()).load());
  }

  @Test
  void slotEncoding_isExactlyTheSizeAsked_whenTheStatesFit() {
    qt().withExamples(500)
        .withFixedSeed(5L)
        .forAll(
            integers().between(0, 1_000_000_000),
            integers().between(0, 30_000),
            integers().between(0, 200_000))
        .checkAssert(
            (sequence, jsonLength, size) -> {
              byte[] json = new byte[jsonLength];
              Arrays.fill(json, (byte) '1');
              byte[] slot = GovernorStore.Slot.encode(sequence, json, size);
              int need = 18 + Integer.toString(sequence).length() + 11;
              need += Integer.toString(jsonLength).length() + jsonLength;
              if (size >= need) {
                // exact, unless no body length L has L + digits(L) = size - the rest (sizes of
                // the older exact-size slots only): then a byte more
                int rest = 18 + Integer.toString(sequence).length() + 11;
                boolean fits = false;
                for (int d = 1; d <= 10; d++) {
                  long body = (long) size - rest - d;
                  fits |= body >= jsonLength && Long.toString(body).length() == d;
                }
                assertEquals(
                    fits ? size : size + 1,
                    slot.length,
                    "sequence " + sequence + ", json " + jsonLength);
              } else {
                assertEquals(0, slot.length % 4096);
                assertTrue(slot.length >= need);
              }
            });
  }

  @Test
  void saves_alternateSlots_loadGivesNewest_acrossInstances() throws IOException {
    GovernorStore store = new GovernorStore(file());
    assertEquals(Map.of(), store.load());
    for (int step = 0; step < 5; step++) {
      store.save(states(step));
      assertEquals(states(step), new GovernorStore(file()).load(), "step " + step);
      assertTrue(Files.exists(store.slots()[step % 2]), "slot " + step % 2);
    }
    // a new instance that saves without loading first still keeps the newest slot
    GovernorStore fresh = new GovernorStore(file());
    fresh.save(states(5));
    assertEquals(states(5), new GovernorStore(file()).load());
    Files.delete(store.slots()[1]); // the slot of step 5: step 4's remains
    assertEquals(states(4), new GovernorStore(file()).load());
  }

  @Test
  void tornNewestSlot_olderStatesLoaded_nextSaveOverwritesTheTornOne() throws IOException {
    GovernorStore store = new GovernorStore(file());
    store.save(states(0));
    store.save(states(1)); // slot 1
    Path torn = store.slots()[1];
    byte[] all = Files.readAllBytes(torn);
    Files.write(torn, Arrays.copyOf(all, all.length - 7));

    GovernorStore restarted = new GovernorStore(file());
    assertEquals(states(0), restarted.load());
    restarted.save(states(2));
    assertEquals(states(2), new GovernorStore(file()).load());
    Files.delete(torn); // step 2 went to the torn slot, not over step 0's
    assertEquals(states(0), new GovernorStore(file()).load());
  }

  /** A crash at any byte of a save leaves the states of the save before, or the new ones. */
  @Test
  void crashAtAnyByteOfASave_loadsOldOrNew() throws IOException {
    GovernorStore store = new GovernorStore(file());
    store.save(states(0));
    store.save(states(1));
    store.save(states(2)); // slot 0 holds step 2, slot 1 step 1
    Path slot = store.slots()[1];
    Path saved = dir.resolve("saved");
    Files.copy(slot, saved);
    store.save(states(3)); // into slot 1
    byte[] next = Files.readAllBytes(slot);
    byte[] before = Files.readAllBytes(saved);
    qt().withExamples(200)
        .forAll(integers().between(0, next.length), integers().between(0, 1))
        .checkAssert(
            (cut, overOld) -> {
              // the slot as a crash may leave it: the new bytes up to the cut, then nothing, or
              // then what the older content had there
              byte[] torn = Arrays.copyOf(next, overOld == 1 ? Math.max(cut, before.length) : cut);
              if (overOld == 1) {
                System.arraycopy(before, cut, torn, cut, Math.max(0, before.length - cut));
              }
              try {
                Files.write(slot, torn);
                Map<String, GovernorState> got = new GovernorStore(file()).load();
                boolean whole = Arrays.equals(torn, next); // the old tail may equal the new one
                assertEquals(whole ? states(3) : states(2), got, "cut at " + cut);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Test
  void noSlotValid_clearErrorNamingTheSlots_neverAReset() throws IOException {
    GovernorStore store = new GovernorStore(file());
    store.save(states(0));
    store.save(states(1));
    for (Path slot : store.slots()) {
      Files.writeString(slot, "liqopt-governor 1 0 5 0\n{\"no\"");
    }
    IOException e = assertThrows(IOException.class, () -> new GovernorStore(file()).load());
    String slots = "(" + store.slots()[0] + ", " + store.slots()[1] + ")";
    assertTrue(
        e.getMessage().startsWith("governor state " + slots + " is unreadable ("), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("move it away to start the governor afresh"), e.getMessage());
  }

  @Test
  void slotNotARegularFile_loadRefuses() throws IOException {
    GovernorStore store = new GovernorStore(file());
    store.save(states(0));
    Files.createDirectories(store.slots()[1].resolve("in-the-way"));
    IOException e = assertThrows(IOException.class, () -> new GovernorStore(file()).load());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  /** The first saves create their slots whole: a failure then leaves no slot, and no debris. */
  @Test
  void firstSaveFails_noSlotLeft_olderFileStillRead() throws IOException {
    Files.createDirectories(file().getParent());
    Files.write(file(), new ObjectMapper().writeValueAsBytes(states(7)));
    GovernorStore failing =
        new GovernorStore(
            file(),
            f -> {
              throw new IOException("No space left on device");
            });
    assertThrows(IOException.class, () -> failing.save(states(0)));
    try (var names = Files.list(file().getParent())) {
      assertEquals(List.of("governor.json"), names.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(states(7), new GovernorStore(file()).load());
  }

  @Test
  void olderSingleFile_readUntilTheFirstSave_thenRemoved() throws IOException {
    Files.createDirectories(file().getParent());
    // what the single-file store wrote: the states' map as JSON
    Files.write(file(), new ObjectMapper().writeValueAsBytes(states(7)));
    GovernorStore store = new GovernorStore(file());
    assertEquals(states(7), store.load());
    store.save(states(0));
    assertFalse(Files.exists(file()));
    assertEquals(states(0), new GovernorStore(file()).load());
  }

  @Test
  void olderSingleFileCorrupt_clearError() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{not json");
    IOException e = assertThrows(IOException.class, () -> new GovernorStore(file()).load());
    assertTrue(e.getMessage().contains("is unreadable"), e.getMessage());
  }
}
