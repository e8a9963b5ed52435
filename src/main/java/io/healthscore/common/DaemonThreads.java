package io.healthscore.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The service's own background pools: named threads that never keep the JVM from exiting. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A fixed pool of {@code threads} daemon threads, each named {@code name}. */
  public static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread thread = new Thread(r, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
