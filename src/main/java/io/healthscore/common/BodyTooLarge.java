package io.healthscore.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than quarkus.http.limits.max-body-size is refused before any resource
 * runs. Quarkus' own check would answer an empty 413; this one, placed just before it, answers
 * problem details like every other error. (A chunked body without a length is still cut off by
 * Quarkus' check.)
 */
@ApplicationScoped
public class BodyTooLarge {

  // Quarkus enforces the limit in a route of order -2 on the same router.
  private static final int BEFORE_QUARKUS_CHECK = -3;

  void register(@Observes Router router, ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    long max = limit.asLongValue();
    router.route().order(BEFORE_QUARKUS_CHECK).handler(context -> {
      String length = context.request().getHeader("content-length");
      if (length == null || !isOver(length, max)) {
        context.next();
        return;
      }
      new Problem("urn:healthscore:problem:too-large", "Content Too Large", 413,
          "The request body is larger than " + max + " bytes "
              + "(quarkus.http.limits.max-body-size); send fewer items per request.",
          context.request().path(), List.of()).endAndClose(context.response(), json);
    });
  }

  private static boolean isOver(String length, long max) {
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return false; // Quarkus' own check and the HTTP codec deal with it
    }
  }
}
