package io.healthscore.support;

import io.healthscore.common.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One packaged service on its own embedded database, shared by the ITs that only call it
 * (GeneratedClientsIT, HttpLayerIT): each start costs several seconds of the build. It stops when
 * the test JVM exits. Its idle timeout is short, for HttpLayerIT to see connections closed.
 */
public final class SharedService {

  public static final String ADMIN_KEY = "hs_shared_service_admin_key_0000000000000000";
  public static final long IDLE_TIMEOUT_MS = 2_000;

  private static ServiceProcess service;

  private SharedService() {}

  public static synchronized ServiceProcess get() throws Exception {
    if (service == null) {
      Path data = Files.createTempDirectory("healthscore-shared-pg");
      EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false);
      ServiceProcess started =
          ServiceProcess.start(
              "shared",
              db,
              ADMIN_KEY,
              Map.of("quarkus.http.idle-timeout", Duration.ofMillis(IDLE_TIMEOUT_MS).toString()));
      started.awaitReady();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    db.close();
                    ScratchDirectories.delete(data);
                  }));
      service = started;
    }
    return service;
  }
}
