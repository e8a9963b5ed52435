package io.healthscore.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The last word on a request that failed in the HTTP layer, outside any resource (whose failures
 * {@link ProblemMappers} answers): problem details instead of Quarkus' plain-text error page, and
 * no stack trace in the reply.
 */
@ApplicationScoped
public class RouteFailures {

  private static final Logger LOG = Logger.getLogger(RouteFailures.class);

  void register(@Observes Router router, ObjectMapper json) {
    router
        .route()
        .last()
        .failureHandler(
            context -> {
              if (context.response().ended() || context.response().headWritten()) {
                context.next();
                return;
              }
              int status = context.statusCode() >= 400 ? context.statusCode() : 500;
              if (status >= 500) {
                LOG.error("request failed in the HTTP layer", context.failure());
              }
              Response.Status known = Response.Status.fromStatusCode(status);
              String title = known == null ? "Error" : known.getReasonPhrase();
              new Problem(
                      status >= 500
                          ? "urn:healthscore:problem:internal"
                          : "urn:healthscore:problem:"
                              + title.toLowerCase(Locale.ROOT).replace(' ', '-'),
                      title,
                      status,
                      status >= 500
                          ? "The server could not complete the request."
                          : "The request could not be read.",
                      context.request().path(),
                      List.of())
                  .endAndClose(context, json);
            });
  }
}
