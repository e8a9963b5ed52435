package io.healthscore.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset-pagination cursor: the sort values of the last item of a page, encoded so that
 * clients treat them as a token. A tampered cursor is a 400, never a wrong page.
 */
public final class Cursor {

  private static final char SEPARATOR = '\u001f';
  private static final String VERSION = "1";

  private Cursor() {}

  public static String encode(String... values) {
    String joined = VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), values);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(joined.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The values, checked to be {@code count} long; a 400 problem on the {@code cursor} field
   * otherwise.
   */
  public static List<String> decode(String cursor, int count) {
    try {
      String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      List<String> parts = List.of(joined.split(String.valueOf(SEPARATOR), -1));
      if (parts.size() != count + 1 || !VERSION.equals(parts.get(0))) {
        throw invalid();
      }
      return parts.subList(1, parts.size());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The one number a cursor holds (a sequence, an id); a 400 on the cursor field otherwise. */
  public static long decodeLong(String cursor) {
    try {
      return Long.parseLong(decode(cursor, 1).get(0));
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  public static ApiProblem invalid() {
    return ApiProblem.invalid("cursor", "is not a cursor this endpoint issued");
  }
}
