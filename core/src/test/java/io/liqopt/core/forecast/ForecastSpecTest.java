package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastSpecTest {

  @Test
  void defaultStressLevel_textAndNumber_agree() {
    assertEquals(
        ForecastSpec.DEFAULT_STRESS_LEVEL,
        Double.parseDouble(ForecastSpec.DEFAULT_STRESS_LEVEL_TEXT));
    assertEquals(ForecastSpec.DEFAULT_STRESS_LEVEL, ForecastSpec.defaults().stressLevel());
  }

  @Test
  void of_horizonsWithoutTheStressHorizon_addsIt() {
    ForecastSpec s = ForecastSpec.of(List.of(4, 1, 1), 0.05);
    assertEquals(List.of(1, 4, 24), s.horizonsHours());
    assertEquals(24, s.stressHorizonHours());
  }

  @Test
  void of_stressLevelOutsideUnitInterval_refused() {
    assertThrows(IllegalArgumentException.class, () -> ForecastSpec.of(List.of(1), 0));
    assertThrows(IllegalArgumentException.class, () -> ForecastSpec.of(List.of(1), Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ForecastSpec.of(List.of(1), 1.5));
  }
}
