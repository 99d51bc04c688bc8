package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.liqopt.core.forecast.baseline.TailedDistribution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossFitExceedanceTest {
  private static final long HOUR_MS = 3_600_000L;
  private static final long EMBARGO_MS = 24 * HOUR_MS;

  @Test
  void exceedance_ownOrOverlappingOutcomeChanged_unchanged() {
    // 60 days of hourly rows on two assets (two rows per hour), as the held-out blocks are pooled
    qt().withExamples(60)
        .withFixedSeed(913L)
        .forAll(
            integers().between(0, 2 * 60 * 24 - 1),
            doubles().between(0, 50),
            integers().between(1, 1_000_000))
        .checkAssert(
            (row, newOutcome, seed) -> {
              long[] times = new long[2 * 60 * 24];
              double[] z = new double[times.length];
              SplittableRandom r = new SplittableRandom(seed);
              for (int i = 0; i < times.length; i++) {
                times[i] = (i / 2) * HOUR_MS;
                z[i] = Math.abs(r.nextGaussian()) * (1 + r.nextDouble());
              }
              double x = 0.5 + r.nextDouble() * 3;
              double before = score(times, z, row, x);
              // the row's own outcome, and every row within a horizon of it
              for (int i = 0; i < z.length; i++) {
                if (Math.abs(times[i] - times[row]) < EMBARGO_MS) {
                  z[i] = i == row ? newOutcome : z[i] * 3;
                }
              }
              assertEquals(before, score(times, z, row, x), 0.0);
            });
  }

  @Test
  void of_blockWithoutOutsideSample_refused() {
    long[] times = {0, HOUR_MS};
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CrossFitExceedance.of(
                times,
                new double[] {1, 2},
                5,
                EMBARGO_MS,
                TailedDistribution.DEFAULT_THRESHOLD_LEVEL));
  }

  private static double score(long[] times, double[] z, int row, double x) {
    return CrossFitExceedance.of(
            times,
            z,
            CrossFitExceedance.FOLDS,
            EMBARGO_MS,
            TailedDistribution.DEFAULT_THRESHOLD_LEVEL)
        .exceedance(times[row], x);
  }
}
