package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ClassificationScoresTest {
  private static final double TOLERANCE = 1e-12;

  /** Scores with ties between an event and a non-event at 0.4 and at 0.8. */
  private static final double[] P = {0.1, 0.4, 0.4, 0.8, 0.8, 0.9};

  private static final boolean[] O = {false, false, true, false, true, true};

  /**
   * Events score 0.4, 0.8, 0.9; non-events 0.1, 0.4, 0.8. Pairs (event beats non-event = 1, tie =
   * 1/2): 0.4 → 1 + ½ + 0 = 1.5; 0.8 → 1 + 1 + ½ = 2.5; 0.9 → 3. AUC = 7/9. Rank form: midranks 1,
   * 2.5, 2.5, 4.5, 4.5, 6; event rank sum 13; (13 − 6)/9 = 7/9.
   */
  @Test
  void auc_handWorkedSampleWithTies_isSevenNinths() {
    assertEquals(7.0 / 9, ClassificationScores.auc(P, O).getAsDouble(), TOLERANCE);
  }

  @Test
  void auc_oneClassOnly_isEmpty() {
    assertTrue(ClassificationScores.auc(new double[] {0.1, 0.2}, new boolean[2]).isEmpty());
    assertTrue(
        ClassificationScores.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}).isEmpty());
  }

  @Test
  void auc_perfectAndReversedAndConstant_areOneZeroHalf() {
    boolean[] o = {false, false, true, true};
    assertEquals(
        1.0,
        ClassificationScores.auc(new double[] {0.1, 0.2, 0.3, 0.4}, o).getAsDouble(),
        TOLERANCE);
    assertEquals(
        0.0,
        ClassificationScores.auc(new double[] {0.4, 0.3, 0.2, 0.1}, o).getAsDouble(),
        TOLERANCE);
    assertEquals(
        0.5,
        ClassificationScores.auc(new double[] {0.3, 0.3, 0.3, 0.3}, o).getAsDouble(),
        TOLERANCE);
  }

  /**
   * Brier: squared errors 0.01, 0.16, 0.36, 0.64, 0.04, 0.01, sum 1.22, BS = 1.22/6 = 0.203333.
   * Base rate ō = 0.5: BS_clim = 0.25, BSS = 1 − 0.203333/0.25 = 0.186667. Reference r = 0.2:
   * BS_ref = 0.5·0.8² + 0.5·0.2² = 0.34, BSS = 1 − 0.203333/0.34 = 0.401961.
   */
  @Test
  void brierAndSkill_handWorkedSample_matchHandValues() {
    assertEquals(1.22 / 6, ClassificationScores.brier(P, O), TOLERANCE);
    assertEquals(0.25, ClassificationScores.climatologyBrier(O), TOLERANCE);
    assertEquals(0.34, ClassificationScores.climatologyBrier(O, 0.2), TOLERANCE);

    StressScores own = ClassificationScores.score(P, O);
    assertEquals(6, own.n());
    assertEquals(3, own.events());
    assertEquals(0.5, own.baseRate(), TOLERANCE);
    assertEquals(7.0 / 9, own.auc(), TOLERANCE);
    assertEquals(0.5, own.referenceRate(), TOLERANCE);
    assertEquals(1 - (1.22 / 6) / 0.25, own.brierSkillScore(), TOLERANCE);

    StressScores training = ClassificationScores.score(P, O, 0.2);
    assertEquals(0.34, training.referenceBrier(), TOLERANCE);
    assertEquals(1 - (1.22 / 6) / 0.34, training.brierSkillScore(), TOLERANCE);
    assertEquals(0.4019608, training.brierSkillScore(), 1e-7);
  }

  /** All outcomes 0 and climatology 0: BS_ref = 0, so the skill score is undefined (null). */
  @Test
  void score_referenceBrierZero_skillAndAucNull() {
    StressScores s = ClassificationScores.score(new double[] {0.1, 0.0}, new boolean[2]);
    assertEquals(0.0, s.referenceBrier(), 0.0);
    assertNull(s.brierSkillScore());
    assertNull(s.auc());
    assertEquals(0.005, s.brier(), TOLERANCE);
  }

  /**
   * P binned in 10: 0.1 → bin 1 (n 1, mean 0.1, freq 0); 0.4, 0.4 → bin 4 (2, 0.4, 1/2); 0.8, 0.8 →
   * bin 8 (2, 0.8, 1/2); 0.9 → bin 9 (1, 0.9, 1); the other six bins empty.
   */
  @Test
  void reliabilityBins_handWorkedSample_matchHandCounts() {
    List<ReliabilityBin> bins = ClassificationScores.reliabilityBins(P, O);
    assertEquals(10, bins.size());
    assertBin(bins.get(1), 0.1, 0.2, 1, 0.1, 0.0);
    assertBin(bins.get(4), 0.4, 0.5, 2, 0.4, 0.5);
    assertBin(bins.get(8), 0.8, 0.9, 2, 0.8, 0.5);
    assertBin(bins.get(9), 0.9, 1.0, 1, 0.9, 1.0);
    for (int i : new int[] {0, 2, 3, 5, 6, 7}) {
      assertEquals(0, bins.get(i).count());
      assertNull(bins.get(i).meanForecast());
      assertNull(bins.get(i).observedFrequency());
    }
  }

  /** Edges: p = 0 in the first bin, p = 0.25 opens the second of four, p = 1 in the last. */
  @Test
  void reliabilityBins_edges_goToTheRightBins() {
    List<ReliabilityBin> bins =
        ClassificationScores.reliabilityBins(
            new double[] {0, 0.25, 1}, new boolean[] {false, true, true}, 4);
    assertEquals(List.of(1, 1, 0, 1), bins.stream().map(ReliabilityBin::count).toList());
  }

  @Test
  void badInput_refused() {
    boolean[] o = {true, false};
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.brier(new double[] {0.5, 1.1}, o));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.brier(new double[] {0.5, -0.1}, o));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.brier(new double[] {0.5, Double.NaN}, o));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.auc(new double[] {0.5, Double.NEGATIVE_INFINITY}, o));
    assertThrows(
        IllegalArgumentException.class, () -> ClassificationScores.auc(new double[] {0.5}, o));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.auc(new double[0], new boolean[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.score(new double[] {0.5, 0.5}, o, 1.5));
    assertThrows(
        IllegalArgumentException.class, () -> ClassificationScores.climatologyBrier(o, Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.reliabilityBins(new double[] {0.5, 0.5}, o, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassificationScores.climatologyBrier(new boolean[0]));
  }

  /** The rank form agrees with the definition: the share of (event, non-event) pairs won. */
  @Test
  void auc_anySample_equalsPairwiseCount() {
    qt().withExamples(300)
        .withFixedSeed(143L)
        .forAll(longs().all(), integers().between(2, 80))
        .assuming((seed, n) -> sample(seed, n).hasBothClasses())
        .checkAssert(ClassificationScoresTest::aucIsShareOfPairsWon);
  }

  private static void aucIsShareOfPairsWon(long seed, int n) {
    Sample s = sample(seed, n);
    double won = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (s.outcome[i] && !s.outcome[j]) {
          pairs++;
          won += s.score[i] > s.score[j] ? 1 : s.score[i] == s.score[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(won / pairs, ClassificationScores.auc(s.score, s.outcome).getAsDouble(), 1e-12);
  }

  /** Negating the score swaps wins and losses and keeps ties: AUC(−s) = 1 − AUC(s). */
  @Test
  void auc_negatedScore_isOneMinusAuc() {
    qt().withExamples(300)
        .withFixedSeed(162L)
        .forAll(longs().all(), integers().between(2, 80))
        .assuming((seed, n) -> sample(seed, n).hasBothClasses())
        .checkAssert(ClassificationScoresTest::aucOfNegatedIsOneMinusAuc);
  }

  private static void aucOfNegatedIsOneMinusAuc(long seed, int n) {
    Sample s = sample(seed, n);
    double[] negated = Arrays.stream(s.score).map(x -> -x).toArray();
    assertEquals(
        1 - ClassificationScores.auc(s.score, s.outcome).getAsDouble(),
        ClassificationScores.auc(negated, s.outcome).getAsDouble(),
        1e-12);
  }

  /** AUC depends on the order only: a strictly increasing transform leaves it unchanged. */
  @Test
  void auc_strictlyIncreasingTransform_isUnchanged() {
    qt().withExamples(300)
        .withFixedSeed(173L)
        .forAll(longs().all(), integers().between(2, 80))
        .assuming((seed, n) -> sample(seed, n).hasBothClasses())
        .checkAssert(ClassificationScoresTest::aucUnchangedByIncreasingTransform);
  }

  private static void aucUnchangedByIncreasingTransform(long seed, int n) {
    Sample s = sample(seed, n);
    double[] transformed =
        Arrays.stream(s.score).map(x -> Math.exp(3 * x) + Math.sqrt(x)).toArray();
    OptionalDouble original = ClassificationScores.auc(s.score, s.outcome);
    assertEquals(
        original.getAsDouble(),
        ClassificationScores.auc(transformed, s.outcome).getAsDouble(),
        1e-12);
  }

  @Test
  void brier_anySample_inUnitIntervalAndClimatologyMatchesConstantForecast() {
    qt().withExamples(300)
        .withFixedSeed(185L)
        .forAll(longs().all(), integers().between(1, 80), decimals(0, 1, 2))
        .checkAssert(ClassificationScoresTest::brierBoundedAndClimatologyIsConstantForecast);
  }

  private static void brierBoundedAndClimatologyIsConstantForecast(long seed, int n, double rate) {
    Sample s = sample(seed, n);
    double brier = ClassificationScores.brier(s.score, s.outcome);
    assertTrue(brier >= 0 && brier <= 1);
    double[] constant = new double[n];
    Arrays.fill(constant, rate);
    assertEquals(
        ClassificationScores.brier(constant, s.outcome),
        ClassificationScores.climatologyBrier(s.outcome, rate),
        1e-12);
    StressScores scores = ClassificationScores.score(s.score, s.outcome, rate);
    assertTrue(scores.brierSkillScore() == null || scores.brierSkillScore() <= 1);
  }

  /** Bins partition the sample: counts add to n, count-weighted means to Σ p and to the events. */
  @Test
  void reliabilityBins_anySample_partitionTheSample() {
    qt().withExamples(200)
        .withFixedSeed(201L)
        .forAll(longs().all(), integers().between(1, 80), integers().between(1, 20))
        .checkAssert(ClassificationScoresTest::binsPartitionTheSample);
  }

  private static void binsPartitionTheSample(long seed, int n, int k) {
    Sample s = sample(seed, n);
    List<ReliabilityBin> bins = ClassificationScores.reliabilityBins(s.score, s.outcome, k);
    assertEquals(k, bins.size());
    int count = 0;
    double forecastSum = 0;
    double eventSum = 0;
    for (ReliabilityBin b : bins) {
      count += b.count();
      if (b.count() > 0) {
        assertTrue(
            b.meanForecast() >= b.lowerBound() - 1e-12
                && b.meanForecast() <= b.upperBound() + 1e-12);
        forecastSum += b.count() * b.meanForecast();
        eventSum += b.count() * b.observedFrequency();
      }
    }
    assertEquals(n, count);
    assertEquals(Arrays.stream(s.score).sum(), forecastSum, 1e-9);
    assertEquals(s.events(), eventSum, 1e-9);
  }

  private static void assertBin(
      ReliabilityBin bin,
      double lower,
      double upper,
      int count,
      double meanForecast,
      double frequency) {
    assertEquals(lower, bin.lowerBound(), TOLERANCE);
    assertEquals(upper, bin.upperBound(), TOLERANCE);
    assertEquals(count, bin.count());
    assertEquals(meanForecast, bin.meanForecast(), TOLERANCE);
    assertEquals(frequency, bin.observedFrequency(), TOLERANCE);
  }

  /**
   * Probabilities on a 0.05 grid (so that ties are common) with outcomes drawn as Bernoulli(p): an
   * informative but imperfect forecast.
   */
  private static Sample sample(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[n];
    boolean[] o = new boolean[n];
    for (int i = 0; i < n; i++) {
      p[i] = rng.nextInt(21) / 20.0;
      o[i] = rng.nextDouble() < p[i];
    }
    return new Sample(p, o);
  }

  private record Sample(double[] score, boolean[] outcome) {
    int events() {
      int e = 0;
      for (boolean b : outcome) {
        e += b ? 1 : 0;
      }
      return e;
    }

    boolean hasBothClasses() {
      int e = events();
      return e > 0 && e < outcome.length;
    }
  }

  @Test
  void sample_helper_isNotDegenerate() {
    // guards the properties above against silently assuming everything away
    assertFalse(sample(1L, 50).events() == 0);
    assertTrue(sample(1L, 50).hasBothClasses());
  }

  /** Doubles in [min, max] rounded to {@code scale} decimals, so that round values come up. */
  private static Gen<Double> decimals(double min, double max, int scale) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }
}
