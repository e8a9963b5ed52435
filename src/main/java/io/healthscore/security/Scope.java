package io.healthscore.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. {@code admin} may do everything. */
public enum Scope {
  SIGNALS_WRITE("signals:write"),
  HEALTH_READ("health:read"),
  ADMIN("admin");

  private final String id;

  Scope(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Scope> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
