package io.healthscore;

import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.consistency.ConsistencyCommand;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the service. Without {@code QUARKUS_DATASOURCE_JDBC_URL} (or the system property {@code
 * quarkus.datasource.jdbc.url}) it first starts an embedded PostgreSQL, so that one command runs
 * everything on a machine with only Java. With the argument {@code check-consistency} it runs the
 * consistency check instead (see ConsistencyCommand) and exits.
 */
@QuarkusMain
public class Main {

  static final String DATA_DIR = "healthscore.embedded-postgres.data-dir";
  static final String PORT = "healthscore.embedded-postgres.port";
  static final String KEY_FILE = "healthscore.bootstrap.key-file";

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals(ConsistencyCommand.NAME)) {
      System.exit(
          ConsistencyCommand.run(
              Main::setting, Path.of(setting(DATA_DIR, "data/postgres")), System.out, System.err));
    }
    if (!needsEmbeddedDatabase()) {
      Quarkus.run(args);
      return;
    }
    if (!hasEmbeddedDatabase()) {
      // The container image leaves the embedded PostgreSQL out: a production service needs one.
      System.err.println(
          "No database configured: set QUARKUS_DATASOURCE_JDBC_URL (with _USERNAME and _PASSWORD)"
              + " to a PostgreSQL 14+ database. This build has no embedded PostgreSQL.");
      System.exit(2);
    }
    Path dataDirectory = Path.of(setting(DATA_DIR, "data/postgres"));
    // On a local machine the first admin key is also kept beside the data (owner-only), so the
    // quick start can read it: whoever can read that folder can read the database anyway.
    if (setting(KEY_FILE, null) == null) {
      System.setProperty(
          KEY_FILE,
          dataDirectory.toAbsolutePath().resolveSibling("bootstrap-admin-key").toString());
    }
    EmbeddedDatabase database =
        EmbeddedDatabase.start(dataDirectory, Integer.parseInt(setting(PORT, "0")), true);
    database.datasourceProperties().forEach(System::setProperty);
    // Stop PostgreSQL only after Quarkus has stopped, however the JVM is asked to exit.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Application application = Application.currentApplication();
                  if (application != null) {
                    application.awaitShutdown();
                  }
                  database.close();
                },
                "embedded-postgres-stop"));
    Quarkus.run(Service.class, args);
  }

  /** Whether the embedded PostgreSQL's binaries are on the class path (not in the image). */
  static boolean hasEmbeddedDatabase() {
    return Main.class.getClassLoader().getResource("postgres-linux-x86_64.txz") != null
        || Main.class.getClassLoader().getResource("postgres-darwin-x86_64.txz") != null
        || Main.class.getClassLoader().getResource("postgres-windows-x86_64.txz") != null;
  }

  /** True unless a datasource URL is configured by system property or environment variable. */
  static boolean needsEmbeddedDatabase() {
    return needsEmbeddedDatabase(System.getProperties(), System.getenv());
  }

  static boolean needsEmbeddedDatabase(
      java.util.Properties properties, java.util.Map<String, String> environment) {
    return setting("quarkus.datasource.jdbc.url", null, properties, environment) == null;
  }

  /** A system property, else its environment-variable form (a.b-c -> A_B_C), else the fallback. */
  static String setting(String property, String fallback) {
    return setting(property, fallback, System.getProperties(), System.getenv());
  }

  static String setting(
      String property,
      String fallback,
      java.util.Properties properties,
      java.util.Map<String, String> environment) {
    String value = properties.getProperty(property);
    if (value == null) {
      value =
          environment.get(property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Runs until the service is asked to stop. */
  public static class Service implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Quarkus.waitForExit();
      return 0;
    }
  }
}
