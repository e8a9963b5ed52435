package io.healthscore.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once the service is stopping (after quarkus.shutdown.delay, in which it still serves while the
 * load balancer lets go of it), a new request is refused with 503 before any work: Quarkus'
 * graceful shutdown waits for the requests already running, but takes new ones on open connections
 * until its HTTP server closes, and one taken on in that last moment could be done and never
 * answered. Refused, it is safe to retry elsewhere.
 */
@ApplicationScoped
public class Draining {

  // Before every other route, Quarkus' body-size check included.
  private static final int FIRST = -10;

  private volatile boolean stopping;

  void register(@Observes Router router, ObjectMapper json) {
    router
        .route()
        .order(FIRST)
        .handler(
            context -> {
              if (!stopping) {
                context.next();
                return;
              }
              new Problem(
                      "urn:healthscore:problem:unavailable",
                      "Service Unavailable",
                      503,
                      "This instance is stopping; nothing was written. Retry the request (another"
                          + " instance takes it).",
                      context.request().path(),
                      List.of())
                  .endAndClose(context, json, "retry-after", "1");
            });
  }

  /** Fired when the stop begins (SIGTERM), before the delay. */
  void stopping(
      @Observes ShutdownDelayInitiatedEvent event,
      @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "PT0S") Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      stopping = true;
      return;
    }
    Thread flip =
        new Thread(
            () -> {
              try {
                Thread.sleep(delay.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stopping = true;
            },
            "healthscore-draining");
    flip.setDaemon(true);
    flip.start();
  }
}
