package io.healthscore.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes instants of the years 1970 to 9999 as ISO-8601 text straight from their fields; any other
 * instant goes to {@link Instant#toString()}. A score names an instant per measure with data and
 * the JDK's formatter (a general pattern printer) was over a quarter of the time spent writing one
 * in history's form.
 *
 * <p>The text is the one {@code DateTimeFormatter.ISO_INSTANT} prints, which is what Jackson
 * writes: UTC, seconds always, and the fraction in groups of three digits, as many as needed.
 */
public final class IsoInstants extends StdScalarSerializer<Instant> {

  private static final long SECONDS_PER_DAY = 86_400;
  // 9999-12-31T23:59:59Z: later years need a sign and more digits.
  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

  public IsoInstants() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    char[] text = new char[30];
    int length = write(value, text);
    if (length > 0) {
      generator.writeString(text, 0, length);
    } else {
      generator.writeString(value.toString());
    }
  }

  /** Writes the text of an instant into {@code out}; 0 when it is outside the years it covers. */
  static int write(Instant value, char[] out) {
    long seconds = value.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
      return 0;
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
    int at = digits(date.getYear(), 4, out, 0);
    out[at++] = '-';
    at = digits(date.getMonthValue(), 2, out, at);
    out[at++] = '-';
    at = digits(date.getDayOfMonth(), 2, out, at);
    out[at++] = 'T';
    at = digits(secondOfDay / 3600, 2, out, at);
    out[at++] = ':';
    at = digits(secondOfDay / 60 % 60, 2, out, at);
    out[at++] = ':';
    at = digits(secondOfDay % 60, 2, out, at);
    int nanos = value.getNano();
    if (nanos != 0) {
      out[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        at = digits(nanos / 1_000_000, 3, out, at);
      } else if (nanos % 1_000 == 0) {
        at = digits(nanos / 1_000, 6, out, at);
      } else {
        at = digits(nanos, 9, out, at);
      }
    }
    out[at++] = 'Z';
    return at;
  }

  /** Writes {@code value} zero-padded to {@code width} digits at {@code at}; returns the end. */
  private static int digits(int value, int width, char[] out, int at) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
