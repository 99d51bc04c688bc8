package io.liqopt.core.position;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HolderIndexTest {
  @Test
  void sortByHighInt_equalsAStableSortByTheHighInt() {
    qt().withExamples(200)
        .withFixedSeed(17L)
        .forAll(integers().between(0, 5_000), integers().between(1, 1_000_000))
        .checkAssert(
            (n, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              // keys: few distinct (ties), or floats near 1 (the same top digits), or any
              int kind = r.nextInt(3);
              long[] a = new long[n];
              for (int i = 0; i < n; i++) {
                int key =
                    kind == 0
                        ? r.nextInt(4)
                        : kind == 1
                            ? Float.floatToIntBits((float) r.nextDouble(0.9, 1.6))
                            : r.nextInt(Integer.MAX_VALUE);
                a[i] = (long) key << 32 | (r.nextInt() & 0xFFFFFFFFL);
              }
              List<Long> expected = new ArrayList<>();
              for (long x : a) {
                expected.add(x);
              }
              expected.sort(Comparator.comparingLong(x -> x >>> 32)); // stable
              HolderIndex.sortByHighInt(a);
              assertArrayEquals(expected.stream().mapToLong(x -> x).toArray(), a);
            });
  }
}
