package io.healthscore.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Adds the errors every operation can answer to the document: 500 (unexpected), 503 (database
 * unavailable) and, for operations with a body, 415 (not JSON).
 */
public class ProblemResponsesFilter implements OASFilter {

  @Override
  public Operation filterOperation(Operation operation) {
    if (operation.getResponses() == null) {
      return operation;
    }
    add(operation, "500", "Unexpected failure (no details are disclosed)");
    add(operation, "503", "Database unavailable; safe to retry");
    if (operation.getRequestBody() != null) {
      add(operation, "415", "The body is not application/json");
    }
    return operation;
  }

  private static void add(Operation operation, String status, String description) {
    if (operation.getResponses().hasAPIResponse(status)) {
      return;
    }
    Schema problem = OASFactory.createSchema().ref("#/components/schemas/Problem");
    Content content = OASFactory.createContent()
        .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(problem));
    operation.getResponses().addAPIResponse(status,
        OASFactory.createAPIResponse().description(description).content(content));
  }
}
