package io.healthscore.common;

/** The tenant every request belongs to until API keys name one. */
public final class Tenants {

  public static final String DEFAULT = "default";

  private Tenants() {}

  /** The tenant of the current request. */
  public static String current() {
    return DEFAULT;
  }
}
