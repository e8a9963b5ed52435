package io.healthscore.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;

/**
 * Writes doubles that are short decimals (scores and weights, rounded to at most four decimals)
 * straight from their scaled digits; any other double goes to Jackson's own writer. A score holds
 * about eighty such numbers and the general shortest-digits algorithm was a third of the time spent
 * writing one (Jackson's copy of it cannot use the JDK's multiplyHigh intrinsic).
 *
 * <p>The text is the one Jackson writes: within [0.001, 10^7), where that is plain notation, a
 * decimal of at most four fraction digits is the shortest text that reads back as the double
 * nearest to it.
 */
public final class ShortDecimals extends StdScalarSerializer<Double> {

  private static final int FRACTION_DIGITS = 4;
  private static final long SCALE = 10_000; // 10^FRACTION_DIGITS

  // One buffer per thread: a new one per number was a tenth of the bytes an ingest request
  // allocated (the generator's call keeps it from being optimised away).
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[24]);

  public ShortDecimals() {
    super(Double.class);
  }

  @Override
  public void serialize(Double value, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    char[] text = BUFFER.get();
    int length = write(value, text);
    if (length > 0) {
      generator.writeNumber(text, 0, length);
    } else {
      generator.writeNumber(value);
    }
  }

  /** Writes the text of a short decimal into {@code out}; 0 when the value is not one. */
  static int write(double value, char[] out) {
    double magnitude = Math.abs(value);
    boolean plain =
        magnitude >= 1e-3 && magnitude < 1e7
            || value == 0 && Double.doubleToRawLongBits(value) == 0;
    if (!plain) {
      return 0;
    }
    long scaled = Math.round(magnitude * SCALE);
    if ((double) scaled / SCALE != magnitude) {
      return 0;
    }
    int at = 0;
    if (value < 0) {
      out[at++] = '-';
    }
    at = digits(scaled / SCALE, out, at);
    out[at++] = '.';
    int fraction = (int) (scaled % SCALE);
    int kept = FRACTION_DIGITS;
    while (kept > 1 && fraction % 10 == 0) {
      fraction /= 10;
      kept--;
    }
    for (int i = kept - 1; i >= 0; i--) {
      out[at + i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
    return at + kept;
  }

  private static int digits(long number, char[] out, int at) {
    int length = 1;
    for (long rest = number / 10; rest > 0; rest /= 10) {
      length++;
    }
    for (int i = at + length - 1; i >= at; i--) {
      out[i] = (char) ('0' + number % 10);
      number /= 10;
    }
    return at + length;
  }
}
