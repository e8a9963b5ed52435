package io.healthscore.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/**
 * Durations in days when they are whole days ({@code P90D}), as callers write them, rather than
 * Java's hours ({@code PT2160H}); other durations as ISO-8601 with hours ({@code PT36H}).
 */
public final class DayDurations extends StdSerializer<Duration> {

  private static final long DAY = 86_400;

  DayDurations() {
    super(Duration.class);
  }

  public static String format(Duration duration) {
    return duration.getNano() == 0 && duration.getSeconds() % DAY == 0
        ? "P" + duration.getSeconds() / DAY + "D"
        : duration.toString();
  }

  @Override
  public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    generator.writeString(format(value));
  }
}
