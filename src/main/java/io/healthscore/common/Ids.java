package io.healthscore.common;

/** Shapes of caller-chosen identifiers. */
public final class Ids {

  /** CRM ids: 1-128 letters, digits and . _ : @ ~ - (no slashes, no spaces). */
  public static final String ACCOUNT_ID = "[A-Za-z0-9][A-Za-z0-9._:@~-]{0,127}";

  public static final String ACCOUNT_ID_MESSAGE =
      "must be 1-128 letters, digits, '.', '_', ':', '@', '~' or '-', starting with a letter or digit";

  private Ids() {}

  public static boolean isAccountId(String value) {
    return value != null && value.matches(ACCOUNT_ID);
  }
}
