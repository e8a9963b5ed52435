package io.healthscore.support;

import io.healthscore.common.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tests' PostgreSQL: the same embedded server the service starts, in a fresh directory per run.
 * Durability is off here only because test data is thrown away.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

  private static EmbeddedDatabase database;

  public static synchronized EmbeddedDatabase database() {
    if (database == null) {
      try {
        Path dataDirectory = Files.createTempDirectory("healthscore-test-pg");
        database = EmbeddedDatabase.start(dataDirectory, 0, false);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      database.close();
                      ScratchDirectories.delete(dataDirectory);
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return database;
  }

  @Override
  public Map<String, String> start() {
    return database().datasourceProperties();
  }

  @Override
  public void stop() {
    // The server lives for the whole JVM: several test classes share it.
  }
}
