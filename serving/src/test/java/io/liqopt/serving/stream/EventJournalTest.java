package io.liqopt.serving.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJournalTest {
  @Test
  void replay_withinTheWindow_complete_beyondIt_incomplete() {
    EventJournal j = new EventJournal(3, () -> 7L);
    for (int i = 1; i <= 5; i++) {
      j.append("e", "{\"i\":" + i + "}");
    }
    assertEquals(5, j.lastId());
    List<EventJournal.Event> seen = new ArrayList<>();
    EventJournal.Replay r = j.subscribe(2, seen::add); // 3, 4, 5 retained
    assertTrue(r.complete());
    assertEquals(List.of(3L, 4L, 5L), r.events().stream().map(EventJournal.Event::id).toList());
    EventJournal.Replay old = j.subscribe(1, e -> {}); // 2 is gone
    assertFalse(old.complete());
    assertEquals(3, old.events().size());
    assertFalse(j.subscribe(-1, e -> {}).complete());
    assertFalse(j.subscribe(99, e -> {}).complete());
    assertTrue(j.subscribe(5, e -> {}).events().isEmpty());
    j.append("e", "{}");
    assertEquals(1, seen.size());
    assertEquals(6, seen.get(0).id());
    assertEquals(7L, seen.get(0).timeMs());
    j.unsubscribe(seen::add); // a different lambda instance: nothing removed
    assertEquals(5, j.subscribers());
  }

  @Test
  void retainsAtMostMaxCharsOfData_butAlwaysTheNewestEvent() {
    EventJournal j = new EventJournal(100, 10, () -> 0L);
    for (int i = 1; i <= 5; i++) {
      j.append("e", "{\"a\"}"); // 5 characters each
    }
    assertEquals(10, j.retainedChars());
    EventJournal.Replay r = j.subscribe(3, e -> {});
    assertTrue(r.complete());
    assertEquals(List.of(4L, 5L), r.events().stream().map(EventJournal.Event::id).toList());
    assertFalse(j.subscribe(2, e -> {}).complete());
    String big = "{\"x\":\"" + "y".repeat(40) + "\"}";
    j.append("e", big);
    assertEquals(big.length(), j.retainedChars());
    EventJournal.Replay after = j.subscribe(5, e -> {});
    assertTrue(after.complete());
    assertEquals(1, after.events().size());
    assertEquals(6, after.events().get(0).id());
  }

  /** Against a model (a queue trimmed from its head), whatever the sizes and bounds. */
  @Test
  void matchesAQueueTrimmedByCountAndCharacters() {
    qt().withExamples(200)
        .forAll(
            integers().between(1, 20),
            integers().between(1, 200),
            lists().of(integers().between(0, 60)).ofSizeBetween(0, 120))
        .checkAssert(
            (capacity, maxChars, sizes) -> {
              EventJournal j = new EventJournal(capacity, maxChars, () -> 0L);
              ArrayDeque<String> model = new ArrayDeque<>();
              long modelChars = 0;
              for (int size : sizes) {
                String json = "x".repeat(size);
                j.append("e", json);
                model.addLast(json);
                modelChars += size;
                while (model.size() > capacity || (modelChars > maxChars && model.size() > 1)) {
                  modelChars -= model.removeFirst().length();
                }
              }
              assertEquals(modelChars, j.retainedChars());
              long first = sizes.size() - model.size() + 1;
              EventJournal.Replay all = j.subscribe(0, e -> {});
              assertEquals(first == 1, all.complete());
              assertEquals(
                  List.copyOf(model), all.events().stream().map(EventJournal.Event::json).toList());
              if (!model.isEmpty()) {
                assertEquals(first, all.events().get(0).id());
                assertTrue(j.subscribe(first - 1, e -> {}).complete());
              }
            });
  }

  @Test
  void capacity_atLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> new EventJournal(0, () -> 0L));
  }
}
