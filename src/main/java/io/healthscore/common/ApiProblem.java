package io.healthscore.common;

import java.util.List;
import java.util.Map;

/** A failure the client can act on; mapped to problem details with the given status. */
public class ApiProblem extends RuntimeException {

  private final int status;
  private final String kind;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ApiProblem(int status, String kind, String title, String detail, List<FieldError> errors) {
    this(status, kind, title, detail, errors, Map.of());
  }

  private ApiProblem(
      int status,
      String kind,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  /** The same problem, answered with these response headers too. */
  public ApiProblem withHeaders(Map<String, String> more) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putAll(more);
    return new ApiProblem(status, kind, title, getMessage(), errors, all);
  }

  /** 401: no API key, or one that is unknown or revoked. */
  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(
        401,
        "unauthorized",
        "Unauthorized",
        detail,
        List.of(new FieldError("Authorization", "must be 'Bearer <API key>'")),
        Map.of("WWW-Authenticate", "Bearer realm=\"healthscore\""));
  }

  /** 403: the key is valid but lacks the scope the operation needs. */
  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of());
  }

  /** 422: the request is well-formed but cannot be processed as sent. */
  public static ApiProblem unprocessable(String field, String detail) {
    return new ApiProblem(
        422,
        "unprocessable",
        "Unprocessable request",
        detail,
        List.of(new FieldError(field, detail)));
  }

  public static ApiProblem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + " " + errors.get(0).message()
            : errors.size() + " fields are not valid";
    return new ApiProblem(400, "validation", "Invalid request", detail, errors);
  }

  public static ApiProblem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, List.of());
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "conflict", "Conflict", detail, List.of());
  }

  /** 412: the If-Match precondition names a version that is no longer current. */
  public static ApiProblem preconditionFailed(String detail) {
    return new ApiProblem(412, "precondition-failed", "Precondition failed", detail, List.of());
  }

  /** 428: an update must name the version it replaces (If-Match), so none is lost. */
  public static ApiProblem preconditionRequired(String detail) {
    return new ApiProblem(
        428,
        "precondition-required",
        "Precondition required",
        detail,
        List.of(new FieldError("If-Match", "is required")));
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public int status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(
        "urn:healthscore:problem:" + kind, title, status, getMessage(), instance, errors);
  }
}
