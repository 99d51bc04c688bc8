/**
 * What the forecasts are judged against: realised variance, maximum adverse excursions and the
 * stress label over the next H bars. Targets look forward by definition; they are used only as
 * labels of past rows and as realised values in evaluation, never as features.
 */
package io.liqopt.core.target;
