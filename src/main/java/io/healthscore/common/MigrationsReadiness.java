package io.healthscore.common;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Ready only when the schema is at the version this build expects: a pod must not take traffic
 * against a database another (older) instance has not finished migrating, or one that is behind.
 * The database connection itself is checked by the datasource's own readiness check.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

  private final Flyway flyway;

  public MigrationsReadiness(Flyway flyway) {
    this.flyway = flyway;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      var info = flyway.info();
      int pending = info.pending().length;
      String current = info.current() == null ? "none" : info.current().getVersion().toString();
      return HealthCheckResponse.named("database-migrations")
          .status(pending == 0)
          .withData("schemaVersion", current)
          .withData("pending", pending)
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("database-migrations")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
