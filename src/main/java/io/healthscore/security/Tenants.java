package io.healthscore.security;

/** Tenants: one customer organisation each; every row and every request belongs to one. */
public final class Tenants {

  /** The tenant a fresh deployment starts with: the operator's, whose admin keys add tenants. */
  public static final String DEFAULT = "default";

  public static final String OPERATOR = DEFAULT;

  /** Tenant ids: 2-63 lower-case letters, digits and '-', starting with a letter or digit. */
  public static final String ID = "[a-z0-9][a-z0-9-]{1,62}";

  private Tenants() {}

  /** The tenant of the current request. */
  public static String current() {
    return Caller.current().tenantId();
  }
}
