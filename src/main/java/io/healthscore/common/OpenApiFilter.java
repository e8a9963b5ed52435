package io.healthscore.common;

import org.eclipse.microprofile.openapi.OASFactory;
import io.healthscore.scoring.SignalDefinition;
import io.healthscore.scoring.StandardSignals;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Completes the generated document: the errors every operation can answer (500 unexpected, 503
 * database unavailable and, with a body, 415 not JSON), and the standard signal keys, taken from
 * the catalog itself so that the document cannot drift from it.
 */
public class OpenApiFilter implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    String keys = StandardSignals.all().stream()
        .map(OpenApiFilter::describe)
        .collect(Collectors.joining("; "));
    for (String schema : new String[] {"SignalInput", "BatchSignalInput"}) {
      Schema input = openApi.getComponents().getSchemas().get(schema);
      if (input != null && input.getProperties() != null
          && input.getProperties().get("key") != null) {
        Schema key = input.getProperties().get("key");
        key.description("Signal key. Standard keys: " + keys + ".");
      }
    }
  }

  private static String describe(SignalDefinition d) {
    return switch (d.type()) {
      case LABEL -> d.key() + " (label: " + String.join(", ", d.labels()) + ")";
      case BOOLEAN -> d.key() + " (boolean)";
      case NUMBER -> d.key() + " (" + (d.integer() ? "whole number " : "number ")
          + format(d.min()) + ".." + format(d.max()) + (d.unit() == null ? "" : " " + d.unit())
          + ")";
    };
  }

  private static String format(Double value) {
    return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
  }

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
