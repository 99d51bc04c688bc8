package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * One bin of a reliability (calibration) diagram (see {@link
 * ClassificationScores#reliabilityBins}). For a calibrated forecast the observed frequency is close
 * to the mean forecast in every well-filled bin.
 *
 * @param lowerBound the lower edge of the bin, a probability in [0, 1)
 * @param upperBound the upper edge, in (lowerBound, 1]
 * @param count how many forecasts fell in the bin, &ge; 0
 * @param meanForecast the mean forecast probability in the bin; null when the bin is empty
 * @param observedFrequency the fraction of the bin's observations that were events; null when the
 *     bin is empty
 */
public record ReliabilityBin(
    double lowerBound,
    double upperBound,
    int count,
    Double meanForecast,
    Double observedFrequency) {
  public ReliabilityBin {
    Checks.inRange(lowerBound, 0, 1, "lowerBound");
    Checks.inRange(upperBound, 0, 1, "upperBound");
    if (!(upperBound > lowerBound)) {
      throw new IllegalArgumentException(
          "upperBound " + upperBound + " must exceed lowerBound " + lowerBound);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative, was " + count);
    }
    boolean empty = count == 0;
    if (empty != (meanForecast == null) || empty != (observedFrequency == null)) {
      throw new IllegalArgumentException(
          "meanForecast and observedFrequency are null exactly when the bin is empty");
    }
    if (!empty) {
      Checks.inRange(meanForecast, 0, 1, "meanForecast");
      Checks.inRange(observedFrequency, 0, 1, "observedFrequency");
    }
  }
}
