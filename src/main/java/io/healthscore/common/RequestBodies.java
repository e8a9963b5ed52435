package io.healthscore.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;

/**
 * Request bodies before any resource runs. A body larger than quarkus.http.limits.max-body-size is
 * refused with problem details (Quarkus' own check would answer an empty 413), whether its length
 * is declared or it arrives chunked. A body of the API is read whole on the I/O thread: Quarkus
 * REST otherwise hands a blocking resource a stream that its worker thread reads while the I/O
 * thread fills it, two more waits and wake-ups between threads per request (measured: ~8 % of the
 * JVM's CPU per signal ingest, ~5 % of its rate). Bodies are capped, so holding one in memory is
 * what reading it would do anyway. File imports (POST /v1/imports) are the exception: their body is
 * streamed to the resource, which enforces its own limit as it reads.
 */
@ApplicationScoped
public class RequestBodies {

  // Quarkus enforces its limit (quarkus.http.limits.max-body-size, set as high as a file import
  // may be) on a declared length in a route of order -2 on the same router, and hands a chunked
  // body's limit to the stream Quarkus REST reads through the context entry below.
  private static final int BEFORE_QUARKUS_CHECK = -3;
  private static final int AFTER_QUARKUS_CHECK = -1;
  private static final String QUARKUS_STREAM_LIMIT = "io.quarkus.max-request-size";
  static final String STREAMED_PATH = "/v1/imports";

  void register(@Observes Router router, ObjectMapper json, Limits limits) {
    long max = limits.maxBodySize().asLongValue();
    router
        .route()
        .order(BEFORE_QUARKUS_CHECK)
        .handler(
            context -> {
              String length = context.request().getHeader("content-length");
              if (length == null || !isOver(length, max) || isStreamed(context)) {
                context.next();
                return;
              }
              tooLarge(context, json, max);
            });
    BodyHandler reader = BodyHandler.create(false).setBodyLimit(max);
    router
        .route("/v1/*")
        .method(HttpMethod.POST)
        .method(HttpMethod.PUT)
        .order(AFTER_QUARKUS_CHECK)
        .handler(
            context -> {
              // Not forms: Vert.x would decode them itself and answer its own errors. The API takes
              // none; Quarkus REST refuses them with its 415 problem. Not HTTP/2: Quarkus REST
              // pauses every request it starts, and Vert.x refuses to pause an HTTP/2 request
              // that has been read to its end (a 500 on every write; quarkusio/quarkus#56595),
              // so over HTTP/2 Quarkus REST reads the body itself, as it would without this.
              if (isStreamed(context)) {
                context.next();
                return;
              }
              // What Quarkus REST reads itself (forms, HTTP/2) stops at the API's limit too.
              context.put(QUARKUS_STREAM_LIMIT, max);
              if (isForm(context.request().getHeader("content-type"))
                  || context.request().version() == HttpVersion.HTTP_2) {
                context.next();
              } else {
                reader.handle(context);
              }
            })
        .handler(
            context -> {
              // An empty chunked body leaves the body handler without a buffer, and Quarkus REST
              // would then wait for a body from a request that has ended: the client hung until it
              // gave up. (available(): the body handler ran, i.e. this is not a form.)
              if (context.body().available() && context.body().buffer() == null) {
                context.setBody(Buffer.buffer());
              }
              context.next();
            })
        .failureHandler(
            context -> {
              if (context.statusCode() == 413) { // a chunked body that went past the limit
                tooLarge(context, json, max);
              } else {
                context.next();
              }
            });
  }

  private static void tooLarge(RoutingContext context, ObjectMapper json, long max) {
    new Problem(
            "urn:healthscore:problem:too-large",
            "Content Too Large",
            413,
            "The request body is larger than "
                + max
                + " bytes "
                + "(healthscore.limits.max-body-size); send fewer items per request, or a"
                + " file to POST /v1/imports.",
            context.request().path(),
            List.of())
        .endAndClose(context, json);
  }

  // File imports stream their body (of any size, up to their own limit) into the database.
  private static boolean isStreamed(RoutingContext context) {
    return context.request().path().equals(STREAMED_PATH);
  }

  private static boolean isForm(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
  }

  private static boolean isOver(String length, long max) {
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return false; // Quarkus' own check and the HTTP codec deal with it
    }
  }
}
