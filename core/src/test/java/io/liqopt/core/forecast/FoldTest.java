package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldTest {
  private static final long H = 3_600_000L;

  @Test
  void plan_blocksCoverTheSpan_eachAfterItsEmbargo() {
    // test span [100 h, 350 h], blocks of 100 h, a 24 h embargo
    List<Fold> folds = Fold.plan(100 * H, 350 * H, 100 * H, 24 * H);
    assertEquals(
        List.of(
            new Fold(0, 76 * H, 100 * H, 200 * H),
            new Fold(1, 176 * H, 200 * H, 300 * H),
            new Fold(2, 276 * H, 300 * H, 350 * H + 1)),
        folds);
  }

  @Test
  void plan_anySpan_blocksAreContiguousAndNeverSeeTheirTestBars() {
    for (long span = 0; span < 500; span += 7) {
      List<Fold> folds = Fold.plan(1_000 * H, (1_000 + span) * H, 30 * H, 5 * H);
      for (int i = 0; i < folds.size(); i++) {
        Fold f = folds.get(i);
        assertEquals(i, f.index());
        assertEquals(f.testStartMs() - 5 * H, f.trainCutoffMs());
        if (i > 0) {
          assertEquals(folds.get(i - 1).testEndMs(), f.testStartMs());
        }
      }
      assertEquals((1_000 + span) * H + 1, folds.get(folds.size() - 1).testEndMs());
      assertTrue(folds.size() >= 1);
    }
  }

  @Test
  void plan_startAfterLast_noFolds() {
    assertEquals(List.of(), Fold.plan(10 * H, 9 * H, H, 0));
  }

  @Test
  void plan_badBlockOrEmbargo_refused() {
    assertThrows(IllegalArgumentException.class, () -> Fold.plan(0, H, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Fold.plan(0, H, H, -1));
  }
}
