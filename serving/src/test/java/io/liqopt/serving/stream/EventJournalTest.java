package io.liqopt.serving.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void capacity_atLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> new EventJournal(0, () -> 0L));
  }
}
