package io.healthscore.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into RFC 9457 problem details; stack traces stay in the log. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** Name every JAX-RS body parameter {@code body} so field paths start at the body's root. */
  public static final String BODY_PARAMETER = "body";

  @ServerExceptionMapper
  public Response apiProblem(ApiProblem problem, UriInfo uri) {
    Response.ResponseBuilder response =
        Response.status(problem.status())
            .type(Problem.MEDIA_TYPE)
            .entity(problem.toProblem(path(uri)));
    problem.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldPath(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
            .toList();
    return respond(ApiProblem.invalid(errors).toProblem(path(uri)));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    return respond(jsonProblem(e).toProblem(path(uri)));
  }

  // Jackson's own mapper for this type answers an empty 400; this one names the field.
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return respond(jsonProblem(e).toProblem(path(uri)));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException json) {
      return respond(jsonProblem(json).toProblem(path(uri)));
    }
    int status = e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String kind = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    Response reply =
        respond(
            new Problem(
                "urn:healthscore:problem:" + kind,
                title,
                status,
                status >= 500 ? "The server could not complete the request." : e.getMessage(),
                path(uri),
                List.of()));
    // A 405 says which methods the path allows (RFC 9110).
    String allow = status == 405 ? AllowedMethods.of(uri.getRequestUri().getRawPath()) : null;
    return allow == null
        ? reply
        : Response.fromResponse(reply).header(HttpHeaders.ALLOW, allow).build();
  }

  /**
   * Database failures: when the database is unreachable, restarting, out of resources or the
   * transaction lost a conflict, the transaction was rolled back and a retry is safe (503).
   */
  @ServerExceptionMapper
  public Response database(SQLException e, UriInfo uri) {
    if ("22021".equals(e.getSQLState()) || "22P05".equals(e.getSQLState())) {
      // Text PostgreSQL cannot store (NUL) in a place no earlier check names, e.g. a map key.
      return respond(
          new Problem(
              "urn:healthscore:problem:validation",
              "Invalid request",
              400,
              "The request contains text that cannot be stored (e.g. the NUL character); "
                  + "nothing was written.",
              path(uri),
              List.of()));
    }
    if (!isTransient(e)) {
      return unexpected(e, uri);
    }
    LOG.warnf("database unavailable: %s", e.getMessage());
    return Response.fromResponse(
            respond(
                new Problem(
                    "urn:healthscore:problem:unavailable",
                    "Service Unavailable",
                    503,
                    "The database is unavailable; nothing was written. " + "Retry the request.",
                    path(uri),
                    List.of())))
        .header("Retry-After", "1")
        .build();
  }

  public static boolean isTransient(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state == null
          && s.getMessage() != null
          && s.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
        return true;
      }
      if (state != null
          && (state.startsWith("08")
              || state.startsWith("57P")
              || state.startsWith("53")
              || state.equals("40001")
              || state.equals("40P01"))) {
        return true;
      }
    }
    return false;
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) { // wrapped where a signature allows no SQLException
        return database(sql, uri);
      }
    }
    LOG.error("unexpected failure", e);
    return respond(
        new Problem(
            "urn:healthscore:problem:internal",
            "Internal Server Error",
            500,
            "The server could not complete the request.",
            path(uri),
            List.of()));
  }

  /** The problem a JSON read failure means for the client, with the field path when known. */
  public static ApiProblem jsonProblem(JsonProcessingException e) {
    JsonParseException syntax = syntaxError(e);
    if (syntax != null) {
      String where =
          syntax.getLocation() == null
              ? ""
              : " at line "
                  + syntax.getLocation().getLineNr()
                  + ", column "
                  + syntax.getLocation().getColumnNr();
      return new ApiProblem(
          400,
          "malformed-json",
          "Malformed JSON",
          "The request body is not valid JSON" + where + ": " + syntax.getOriginalMessage(),
          List.of());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ApiProblem.invalid(jsonPath(unknown), "is not a known field");
    }
    if (e instanceof InvalidFormatException format) {
      return ApiProblem.invalid(
          jsonPath(format), "cannot be read as " + friendlyType(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch) {
      return ApiProblem.invalid(
          jsonPath(mismatch),
          "has the wrong type; expected " + friendlyType(mismatch.getTargetType()));
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return ApiProblem.invalid(jsonPath(mapping), "is not valid: " + e.getOriginalMessage());
    }
    return new ApiProblem(
        400,
        "malformed-json",
        "Malformed JSON",
        "The request body cannot be read: " + e.getOriginalMessage(),
        List.of());
  }

  private static JsonParseException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonParseException parse) {
        return parse;
      }
    }
    return null;
  }

  private static String friendlyType(Class<?> type) {
    if (type == null) {
      return "the expected type";
    }
    if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
      return "an ISO-8601 timestamp with offset, e.g. 2026-11-23T10:15:30Z";
    }
    if (type == java.time.LocalDate.class) {
      return "an ISO-8601 date, e.g. 2027-03-31";
    }
    if (type == java.time.Duration.class) {
      return "an ISO-8601 duration, e.g. P30D";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.length() == 0 ? "body" : path.toString();
  }

  static String fieldPath(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER && BODY_PARAMETER.equals(node.getName())) {
        continue;
      }
      if (node.getIndex() != null && node.getKind() != ElementKind.PARAMETER) {
        // Container elements: the index belongs to the previous property (signals[0].key).
        path.append('[').append(node.getIndex()).append(']');
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
        continue;
      }
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(node.getName());
    }
    return path.length() == 0 ? BODY_PARAMETER : path.toString();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
  }

  private static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
