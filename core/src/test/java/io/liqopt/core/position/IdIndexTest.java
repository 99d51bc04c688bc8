package io.liqopt.core.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void anyPutsAndRemoves_agreeWithAHashMap() {
    qt().withExamples(100)
        .withFixedSeed(9L)
        .forAll(integers().between(1, 1_000_000), integers().between(1, 3_000))
        .checkAssert(
            (seed, ops) -> {
              SplittableRandom r = new SplittableRandom(seed);
              String[] slots = new String[ops + 1];
              IdIndex index = new IdIndex(s -> slots[s]);
              Map<String, Integer> expected = new HashMap<>();
              int next = 0;
              for (int op = 0; op < ops; op++) {
                String id = "id-" + r.nextInt(Math.max(1, ops / 3));
                if (r.nextInt(3) > 0 && !expected.containsKey(id)) {
                  slots[next] = id;
                  index.put(id, next);
                  expected.put(id, next++);
                } else {
                  Integer gone = expected.remove(id);
                  assertEquals(gone == null ? -1 : gone, index.remove(id));
                }
                assertEquals(expected.size(), index.size());
                String probe = "id-" + r.nextInt(Math.max(1, ops / 3));
                assertEquals(expected.getOrDefault(probe, -1), index.get(probe));
              }
            });
  }
}
