package io.healthscore.common;

import io.healthscore.scoring.SignalDefinition;
import io.healthscore.scoring.StandardSignals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated document: the API-key security scheme (Swagger UI's Authorize button),
 * the errors every operation can answer (401, 403, 429, 500, 503 and, with a body, 415), the
 * Idempotency-Key header with its 409 and 422 on every write that takes it, and the standard signal
 * keys, taken from the catalog itself so that the document cannot drift from it.
 */
public class OpenApiFilter implements OASFilter {

  static final String SECURITY_SCHEME = "apiKey";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    openApi
        .getComponents()
        .addSecurityScheme(
            SECURITY_SCHEME,
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(
                    "An API key, sent as `Authorization: Bearer` followed by the key. Keys belong"
                        + " to one tenant and carry scopes (signals:write, health:read, admin); the"
                        + " first admin key is printed in the service's log on first start (or"
                        + " configured). Every reply under /v1 carries RateLimit-Limit (the key's"
                        + " burst), RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy."));
    openApi.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
    describeWebhookEvents(openApi);
    namePages(openApi);
    String keys =
        StandardSignals.all().stream()
            .map(OpenApiFilter::describe)
            .collect(Collectors.joining("; "));
    for (String schema : new String[] {"SignalInput", "BatchSignalInput"}) {
      Schema input = openApi.getComponents().getSchemas().get(schema);
      if (input != null
          && input.getProperties() != null
          && input.getProperties().get("key") != null) {
        Schema key = input.getProperties().get("key");
        key.description("Signal key. Standard keys: " + keys + ".");
      }
    }
  }

  /**
   * Lists answer {@link Page}s, which the scanner names after the Java type (PageApiKeyView):
   * renamed after the item's schema (ApiKeyPage), as generated clients name their classes.
   */
  private static void namePages(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Map<String, String> renamed = new TreeMap<>();
    schemas.forEach(
        (name, schema) -> {
          Schema items =
              schema.getProperties() == null ? null : schema.getProperties().get("items");
          String item =
              items == null || items.getItems() == null ? null : items.getItems().getRef();
          if (name.startsWith("Page") && item != null) {
            String itemName = item.substring(item.lastIndexOf('/') + 1);
            if (!schemas.containsKey(itemName + "Page")) {
              renamed.put(name, itemName + "Page");
            }
          }
        });
    if (renamed.isEmpty()) {
      return;
    }
    Map<String, Schema> all = new TreeMap<>();
    schemas.forEach((name, schema) -> all.put(renamed.getOrDefault(name, name), schema));
    openApi.getComponents().setSchemas(all);
    for (PathItem path : openApi.getPaths().getPathItems().values()) {
      for (Operation operation : path.getOperations().values()) {
        if (operation.getResponses() == null
            || operation.getResponses().getAPIResponses() == null) {
          continue;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
          if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            continue;
          }
          for (MediaType media : response.getContent().getMediaTypes().values()) {
            String ref = media.getSchema() == null ? null : media.getSchema().getRef();
            String name = ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
            if (name != null && renamed.containsKey(name)) {
              media.getSchema().setRef("#/components/schemas/" + renamed.get(name));
            }
          }
        }
      }
    }
  }

  private static String describe(SignalDefinition d) {
    return switch (d.type()) {
      case LABEL -> d.key() + " (label: " + String.join(", ", d.labels()) + ")";
      case BOOLEAN -> d.key() + " (boolean)";
      case NUMBER ->
          d.key()
              + " ("
              + (d.integer() ? "whole number " : "number ")
              + format(d.min())
              + ".."
              + format(d.max())
              + (d.unit() == null ? "" : " " + d.unit())
              + ")";
    };
  }

  private static String format(Double value) {
    return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
  }

  /** What a webhook receiver is sent (OpenAPI 3.1 webhooks): the event, signed. */
  private static void describeWebhookEvents(OpenAPI openApi) {
    if (!openApi.getComponents().getSchemas().containsKey("WebhookEvent")) {
      return;
    }
    openApi.addWebhook(
        "healthEvent",
        OASFactory.createPathItem()
            .POST(
                OASFactory.createOperation()
                    .operationId("receiveHealthEvent")
                    // Sent by the service, not called with an API key.
                    .security(List.of())
                    .addTag("Webhooks")
                    .summary("A health event, as your receiver gets it")
                    .description(
                        "POSTed to each subscription whose event types and filters match,"
                            + " signed per Standard Webhooks: webhook-id (the same on every"
                            + " retry: de-duplicate by it), webhook-timestamp and webhook-signature"
                            + " (v1, base64 HMAC-SHA256 of id.timestamp.body). Answer 2xx; any"
                            + " other answer or none is retried with backoff.")
                    .requestBody(
                        OASFactory.createRequestBody()
                            .required(true)
                            .content(
                                OASFactory.createContent()
                                    .addMediaType(
                                        "application/json",
                                        OASFactory.createMediaType()
                                            .schema(
                                                OASFactory.createSchema()
                                                    .ref("#/components/schemas/WebhookEvent")))))
                    .responses(
                        OASFactory.createAPIResponses()
                            .addAPIResponse(
                                "204",
                                OASFactory.createAPIResponse()
                                    .description("Received; nothing more is sent for it")))));
  }

  @Override
  public Schema filterSchema(Schema schema) {
    // Bean Validation matches a @Pattern against the whole value, JSON Schema searches for it:
    // anchored, the document means what the service checks. (\S is how @NotBlank is written:
    // "has a non-blank character", a search by intent.)
    String pattern = schema.getPattern();
    if (pattern != null && !pattern.startsWith("^") && !pattern.equals("\\S")) {
      schema.setPattern("^(?:" + pattern + ")$");
    }
    // A reference says what the value is; a "type" beside it (JSON Schema 2020-12 allows it) made
    // generated clients treat the value as a plain object or string instead of the referenced
    // model (openapi-generator 7.10's Python client could not read a score).
    if (schema.getRef() != null) {
      schema.setType(null);
      schema.setFormat(null);
    }
    return schema;
  }

  @Override
  public Parameter filterParameter(Parameter parameter) {
    // The band filter takes band names; JAX-RS sees a list of strings.
    Schema schema = parameter.getSchema();
    if ("band".equals(parameter.getName())
        && schema != null
        && schema.getItems() != null
        && schema.getItems().getEnumeration() == null) {
      schema
          .getItems()
          .setEnumeration(
              java.util.Arrays.stream(io.healthscore.scoring.Band.values())
                  .map(b -> (Object) b.wireName())
                  .toList());
    }
    return parameter;
  }

  /**
   * An NDJSON example is text; the scanner reads an example that starts with a brace as JSON and
   * keeps its first object only.
   */
  private static void exampleLines(Operation operation) {
    if (operation.getRequestBody() == null
        || operation.getRequestBody().getContent() == null
        || operation.getRequestBody().getContent().getMediaType(Examples.NDJSON_TYPE) == null) {
      return;
    }
    var examples =
        operation.getRequestBody().getContent().getMediaType(Examples.NDJSON_TYPE).getExamples();
    if (examples != null) {
      examples.values().forEach(example -> example.setValue(Examples.IMPORT_NDJSON));
    }
  }

  @Override
  public Operation filterOperation(Operation operation) {
    // Swagger UI's "Try it out" starts from the quick start's account.
    if (operation.getParameters() != null) {
      for (Parameter parameter : operation.getParameters()) {
        if ("accountId".equals(parameter.getName()) && parameter.getExample() == null) {
          parameter.setExample("acme-001");
        }
      }
    }
    exampleLines(operation);
    if (operation.getResponses() == null) {
      return operation;
    }
    // Every error is problem details: resources name the status and what it means.
    operation
        .getResponses()
        .getAPIResponses()
        .forEach(
            (status, response) -> {
              if (status.matches("[45]\\d\\d") && response.getContent() == null) {
                response.setContent(problemContent());
              }
            });
    add(operation, "401", "No API key, or an unknown or revoked one");
    add(operation, "403", "The API key lacks the scope this operation needs");
    add(operation, "429", "Over the API key's rate limit; see Retry-After");
    add(operation, "500", "Unexpected failure (no details are disclosed)");
    if (operation.getExtensions() != null
        && operation.getExtensions().containsKey(Idempotency.MARKER)) {
      // The scanner copies a method's extensions onto the responses it declares: the marker
      // belongs to the operation only.
      operation.getResponses().removeExtension(Idempotency.MARKER);
      operation
          .getResponses()
          .getAPIResponses()
          .values()
          .forEach(response -> response.removeExtension(Idempotency.MARKER));
      operation.addParameter(
          OASFactory.createParameter()
              .name(Idempotency.HEADER)
              .in(Parameter.In.HEADER)
              .required(false)
              .description(
                  "Makes the write safe to retry: the first reply is kept (24 h by "
                      + "default) and returned again, without a second write, for the same key and "
                      + "payload (with Idempotent-Replayed: true). 1-255 visible ASCII characters, "
                      + "e.g. a UUID.")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(255))
              .example("8e03978e-40d5-43e8-bc93-6894a57f9324"));
      add(
          operation,
          "409",
          "A request with this Idempotency-Key is still running; retry " + "after Retry-After");
      add(operation, "422", "This Idempotency-Key was used for a different request");
    }
    add(operation, "503", "Database unavailable; safe to retry");
    if (operation.getRequestBody() != null
        || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
      add(operation, "400", "Invalid request: the errors name the offending fields");
    }
    if (operation.getRequestBody() != null) {
      add(operation, "415", "The body is not application/json");
      add(operation, "413", "The body is over the size limit (healthscore.limits.max-body-size)");
    }
    return operation;
  }

  private static void add(Operation operation, String status, String description) {
    if (operation.getResponses().hasAPIResponse(status)) {
      return;
    }
    operation
        .getResponses()
        .addAPIResponse(
            status,
            OASFactory.createAPIResponse().description(description).content(problemContent()));
  }

  private static Content problemContent() {
    Schema problem = OASFactory.createSchema().ref("#/components/schemas/Problem");
    return OASFactory.createContent()
        .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(problem));
  }
}
