package io.healthscore.common;

import java.util.regex.Pattern;

/** Shapes of caller-chosen identifiers. */
public final class Ids {

  /** CRM ids: 1-128 letters, digits and . _ : @ ~ - (no slashes, no spaces). */
  public static final String ACCOUNT_ID = "[A-Za-z0-9][A-Za-z0-9._:@~-]{0,127}";

  public static final String ACCOUNT_ID_MESSAGE =
      "must be 1-128 letters, digits, '.', '_', ':', '@', '~' or '-', starting with a letter or"
          + " digit";

  private Ids() {}

  /** A numeric id from a path (jobs, imports); anything else names nothing: a 404. */
  public static long numeric(String id, String notFound) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiProblem.notFound(notFound);
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  /** A random id part: lower-case letters and digits without look-alikes. */
  public static String random(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  // Compiled once: a batch checks up to a thousand ids, and compiling the pattern for each was a
  // tenth of the JVM's time for a batch.
  private static final Pattern ACCOUNT_ID_PATTERN = Pattern.compile(ACCOUNT_ID);

  public static boolean isAccountId(String value) {
    return value != null && ACCOUNT_ID_PATTERN.matcher(value).matches();
  }
}
