package io.healthscore.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed OpenAPI document as a checker of real responses: the operation is found by method
 * and path, the status must be documented, the media type must be one the document lists and the
 * body must validate against its schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). Objects are
 * checked closed: a property the document does not list is drift too.
 */
public final class Contract {

  public static final Path DOCUMENT = Path.of("openapi", "openapi.json");
  private static final String BASE = "https://healthscore.invalid/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile Contract committed;

  private final JsonNode document;
  private final List<PathTemplate> paths = new ArrayList<>();
  private final JsonSchemaFactory schemas;
  private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
  private final AtomicLong checked = new AtomicLong();
  private final Set<String> operationsSeen = ConcurrentHashMap.newKeySet();

  /** An operation's path as a pattern; literal paths win over templated ones. */
  private record PathTemplate(String template, Pattern pattern, int variables) {}

  public Contract(JsonNode openApi) {
    this.document = closeObjects(openApi.deepCopy());
    String text = document.toString();
    // The document's root is loaded as a schema (schemas point into it): its OpenAPI keywords
    // are known to be no JSON Schema ones, so they are not warned about once per document.
    JsonMetaSchema openApiRoot =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keywords(
                Stream.of(
                        "openapi",
                        "info",
                        "servers",
                        "paths",
                        "components",
                        "security",
                        "tags",
                        "webhooks")
                    .map(NonValidationKeyword::new)
                    .toList())
            .build();
    this.schemas =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder
                    .metaSchema(openApiRoot)
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
    document
        .path("paths")
        .fieldNames()
        .forEachRemaining(
            template -> {
              String regex = template.replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\.");
              paths.add(
                  new PathTemplate(
                      template,
                      Pattern.compile(regex),
                      (int) template.chars().filter(ch -> ch == '{').count()));
            });
    paths.sort(Comparator.comparingInt(PathTemplate::variables));
  }

  /** The document in openapi/, loaded once per test JVM. */
  public static Contract committed() {
    if (committed == null) {
      synchronized (Contract.class) {
        if (committed == null) {
          try {
            Contract contract = new Contract(JSON.readTree(DOCUMENT.toFile()));
            Runtime.getRuntime()
                .addShutdownHook(
                    new Thread(
                        () -> {
                          if (contract.responsesChecked() > 0) {
                            List<String> untested = new ArrayList<>(contract.operations());
                            untested.removeAll(contract.operationsSeen());
                            System.out.printf(
                                "contract: %d responses validated against %s; operations"
                                    + " exercised %d/%d; not exercised: %s%n",
                                contract.responsesChecked(),
                                DOCUMENT,
                                contract.operationsSeen().size(),
                                contract.operations().size(),
                                untested);
                          }
                        }));
            committed = contract;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return committed;
  }

  /**
   * What is wrong with this response by the document; empty when it conforms or when the path is
   * not the API's (e.g. /q/health).
   *
   * @param path the request path without query, as sent (percent-encoded)
   * @param contentType the response's Content-Type header, or null
   */
  public List<String> violations(
      String method, String path, int status, String contentType, String body) {
    Optional<String> template = operationPath(path);
    if (template.isEmpty()) {
      return List.of();
    }
    JsonNode operation =
        document.path("paths").path(template.get()).path(method.toLowerCase(java.util.Locale.ROOT));
    String where = method + " " + template.get() + " -> " + status;
    if (operation.isMissingNode()) {
      // 405 for a method the path does not have is the server's, not an operation's reply.
      return status == 405 ? List.of() : List.of(where + ": no such operation in the document");
    }
    operationsSeen.add(method + " " + template.get());
    checked.incrementAndGet();
    String statusKey = Integer.toString(status);
    JsonNode response = operation.path("responses").path(statusKey);
    if (response.isMissingNode()) {
      statusKey = "default";
      response = operation.path("responses").path(statusKey);
    }
    if (response.isMissingNode()) {
      return List.of(where + ": status not documented");
    }
    JsonNode content = response.path("content");
    boolean hasBody = body != null && !body.isEmpty();
    if (!hasBody) {
      return List.of();
    }
    if (content.isMissingNode() || content.isEmpty()) {
      return List.of(where + ": a body was sent where the document declares none");
    }
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    JsonNode media = content.path(mediaType);
    if (media.isMissingNode()) {
      return List.of(
          where
              + ": media type '"
              + mediaType
              + "' not documented (documented: "
              + iterable(content.fieldNames())
              + ")");
    }
    if (!mediaType.endsWith("json") || media.path("schema").isMissingNode()) {
      return List.of();
    }
    // NDJSON: every line is one instance of the schema (a file typed as a string: no check).
    boolean ndjson = mediaType.equals("application/x-ndjson");
    if (ndjson && "string".equals(media.path("schema").path("type").asText())) {
      return List.of();
    }
    List<JsonNode> instances = new ArrayList<>();
    try {
      for (String line : ndjson ? body.lines().toList() : List.of(body)) {
        instances.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      return List.of(where + ": body is not JSON: " + e.getMessage());
    }
    String pointer =
        "/paths/"
            + escape(template.get())
            + "/"
            + method.toLowerCase(java.util.Locale.ROOT)
            + "/responses/"
            + statusKey
            + "/content/"
            + escape(mediaType)
            + "/schema";
    List<String> problems = new ArrayList<>();
    for (JsonNode instance : instances) {
      for (ValidationMessage message : schemaAt(pointer).validate(instance)) {
        problems.add(where + ": " + message.getMessage());
      }
    }
    return problems;
  }

  /** Fails with every violation of {@link #violations} and the start of the body. */
  public static void assertReply(
      String method, String path, int status, String contentType, String body) {
    List<String> violations = committed().violations(method, path, status, contentType, body);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "response does not match openapi/openapi.json:\n  "
              + String.join("\n  ", violations)
              + "\nbody: "
              + (body.length() > 2_000 ? body.substring(0, 2_000) + "..." : body));
    }
  }

  /**
   * What is wrong with a JSON request body by the operation's request schema; empty when the
   * document accepts it.
   */
  public List<String> requestViolations(String method, String template, String body) {
    JsonNode instance;
    try {
      instance = withoutNullMembers(JSON.readTree(body));
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    String pointer =
        "/paths/"
            + escape(template)
            + "/"
            + method.toLowerCase(java.util.Locale.ROOT)
            + "/requestBody/content/"
            + escape("application/json")
            + "/schema";
    List<String> problems = new ArrayList<>();
    try {
      for (ValidationMessage message : schemaAt(pointer).validate(instance)) {
        problems.add(message.getMessage());
      }
    } catch (NumberFormatException e) {
      problems.add("a number out of every range: " + e.getMessage()); // e.g. 1e309
    }
    return problems;
  }

  // Formats (date-time, date, int32...) are assertions here, not just annotations.
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private JsonSchema schemaAt(String pointer) {
    return compiled.computeIfAbsent(
        pointer,
        p ->
            schemas.getSchema(
                SchemaLocation.of(
                    BASE
                        + "#"
                        + URLEncoder.encode(p, StandardCharsets.UTF_8)
                            .replace("%2F", "/")
                            .replace("%7E", "~")),
                CONFIG));
  }

  /** The document's path template that this request path belongs to. */
  public Optional<String> operationPath(String path) {
    for (PathTemplate candidate : paths) {
      if (candidate.pattern().matcher(path).matches()) {
        return Optional.of(candidate.template());
      }
    }
    return Optional.empty();
  }

  public JsonNode document() {
    return document;
  }

  public long responsesChecked() {
    return checked.get();
  }

  public Set<String> operationsSeen() {
    return Set.copyOf(operationsSeen);
  }

  /** Every operation in the document as "METHOD /path". */
  public List<String> operations() {
    List<String> all = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            all.add(
                                method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
    return all;
  }

  /** The API reads a member given as null as absent (README, "API conventions"). */
  private static JsonNode withoutNullMembers(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isNull()) {
                  nulls.add(field.getKey());
                } else {
                  withoutNullMembers(field.getValue());
                }
              });
      object.remove(nulls);
    } else if (node != null && node.isArray()) {
      node.elements().forEachRemaining(Contract::withoutNullMembers);
    }
    return node;
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return String.join(", ", list);
  }

  /**
   * Marks every object schema that lists its properties and says nothing of others as closed, so
   * that an undocumented response property fails validation. (The document composes no object
   * schemas with allOf, where this would be wrong.)
   */
  private static JsonNode closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && object.path("properties").isObject()
          && !object.has("additionalProperties")
          && !object.has("unevaluatedProperties")) {
        object.put("additionalProperties", false);
      }
      object.elements().forEachRemaining(Contract::closeObjects);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(Contract::closeObjects);
    }
    return node;
  }
}
