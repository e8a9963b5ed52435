package io.healthscore.common;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL 17 server that the service starts itself when no datasource URL is configured. It
 * holds real data: the data directory persists across restarts and durability stays on.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "healthscore";

  /** The superuser: owns the schema and runs the migrations. */
  public static final String OWNER = "postgres";

  /** The service's own role: no superuser, no BYPASSRLS, not the tables' owner. */
  public static final String APP_ROLE = "healthscore_app";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts (or restarts on an existing data directory) a server on localhost.
   *
   * @param port 0 for any free port
   * @param durable false only for throw-away test databases (fsync and synchronous_commit off)
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "200")
              // Every write appends history: keep WAL segments for reuse and checkpoint less often,
              // so commits do not wait on new segment files or full-page images.
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("min_wal_size", "512MB")
              .setServerConfig("max_wal_size", "2GB")
              .setServerConfig("checkpoint_timeout", "15min");
      Map<String, String> durability =
          durable
              ? Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")
              : Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");
      durability.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
      database.createDatabaseIfMissing();
      database.createAppRoleIfMissing();
      LOG.infof(
          "Embedded PostgreSQL started: %s (data in %s)",
          database.jdbcUrl(), dataDirectory.toAbsolutePath());
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /**
   * The Quarkus datasource settings that point at this server: the service connects as its own
   * role, which row-level security holds to one tenant per transaction; migrations run as the
   * owner. The server trusts local connections, so the passwords are placeholders.
   */
  public Map<String, String> datasourceProperties() {
    return Map.of(
        "quarkus.datasource.jdbc.url",
        jdbcUrl(),
        "quarkus.datasource.username",
        APP_ROLE,
        "quarkus.datasource.password",
        "local",
        "quarkus.flyway.username",
        OWNER,
        "quarkus.flyway.password",
        "local");
  }

  /** A connection as the owner (superuser): for tests and tools that look across tenants. */
  public Connection ownerConnection() throws SQLException {
    return postgres.getDatabase(OWNER, DATABASE).getConnection();
  }

  private void createAppRoleIfMissing() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("create role " + APP_ROLE + " login nosuperuser nobypassrls");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create role " + APP_ROLE, e);
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      // Code-point order, as initdb's C.UTF-8 gives, but compared by PostgreSQL itself (memcmp)
      // rather than through libc's strcoll: ids are text keys of every index.
      s.execute(
          "create database "
              + DATABASE
              + " template template0 locale_provider builtin"
              + " builtin_locale 'C.UTF-8' locale 'C.UTF-8'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + DATABASE, e);
    }
  }

  /** Stops the server (fast shutdown: open sessions are ended, committed data is safe). */
  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
