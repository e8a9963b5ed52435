package io.healthscore.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The items of a batch, read and checked one by one, so that an unreadable or invalid item is
 * reported by its index and the others go on: the JSON is read as strictly as a single request's
 * body, then Bean Validation runs on the item, every error named under the item's path.
 */
@ApplicationScoped
public class BatchItems {

  /** An item left out of a batch, by its index in the request, with every reason. */
  @Schema(name = "BatchRejected")
  public record Rejected(@Schema(example = "17") int index, List<FieldError> errors) {}

  private final ObjectMapper json;
  private final Validator validator;

  public BatchItems(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /** The item, or an {@link ApiProblem} naming each offending field under {@code path}. */
  public <T> T read(JsonNode node, Class<T> type, String path) {
    if (node == null || !node.isObject()) {
      throw ApiProblem.invalid(path, "must be an object");
    }
    T item;
    try {
      item = json.readerFor(type).readValue(node);
    } catch (JsonProcessingException e) {
      ApiProblem problem = ProblemMappers.jsonProblem(e);
      if (problem.errors().isEmpty()) {
        throw ApiProblem.invalid(path, problem.getMessage());
      }
      throw ApiProblem.invalid(
          problem.errors().stream()
              .map(
                  error ->
                      new FieldError(
                          error.field().equals("body") ? path : path + "." + error.field(),
                          error.message()))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a parsed JSON tree", e); // no I/O happens here
    }
    check(item, path);
    return item;
  }

  /** Bean Validation of a value read from an item: each violation named under {@code path}. */
  public void check(Object value, String path) {
    List<FieldError> violations =
        validator.validate(value).stream()
            .map(v -> new FieldError(path + "." + ProblemMappers.fieldPath(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
            .toList();
    if (!violations.isEmpty()) {
      throw ApiProblem.invalid(violations);
    }
  }
}
