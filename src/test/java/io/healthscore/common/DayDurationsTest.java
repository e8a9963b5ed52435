package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DayDurationsTest {

  @Test
  void whole_days_are_written_in_days_and_the_rest_in_hours() {
    assertEquals("P90D", DayDurations.format(Duration.parse("P90D")));
    assertEquals("P365D", DayDurations.format(Duration.ofDays(365)));
    assertEquals("PT36H", DayDurations.format(Duration.ofHours(36)));
    assertEquals("PT0.5S", DayDurations.format(Duration.ofMillis(500)));
    assertEquals("P0D", DayDurations.format(Duration.ZERO));
    assertEquals(Duration.ofDays(90), Duration.parse(DayDurations.format(Duration.ofDays(90))));
  }
}
