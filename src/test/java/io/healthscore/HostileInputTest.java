package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthscore.support.Api;
import io.healthscore.support.Contract;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Randomised hostile input, derived from the committed OpenAPI document: for every operation it
 * sends requests that are wrong by construction (syntax, types, ranges, sizes, encodings, media
 * types, credentials, ids, cursors, injections) and expects a 4xx problem that the document
 * describes (the contract filter checks each reply), never a 5xx, and no row of the tenant changed.
 * The seed is fixed for CI and printed; -Dhostile.seed=random explores, -Dhostile.seed=N repeats a
 * run, -Dhostile.requests=N sizes it.
 */
@QuarkusTest
class HostileInputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Contract CONTRACT = Contract.committed();
  static final int REQUESTS = Integer.getInteger("hostile.requests", 10_000);
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Strings no identifier, date, cursor or formula accepts. */
  static final List<String> POISON =
      List.of(
          "' or 1=1 --",
          "'; drop table account; --",
          "\" or \"\"=\"",
          "1; select pg_sleep(10)",
          "$$; delete from signal; $$",
          "Robert'); DROP TABLE tenant;--",
          "size(x) > 0 || true",
          "1 + ",
          "a.b.c(",
          "[].all(x, x",
          "\"\\u0000\"",
          "has(",
          "2024-02-30",
          "2024-13-01",
          "2024-01-01T25:61:00Z",
          "2024-01-01T00:00:00+25:00",
          "2024-01-01T00:00:00[Mars/Olympus]",
          "0000-00-00",
          "+999999999-12-31",
          "yesterday",
          "P-1D",
          "PT",
          "P1Y2M3DT4H5M6.7.8S",
          "-P999999999999D",
          "NaN",
          "Infinity",
          "-1",
          "1e309",
          "99999999999999999999999",
          "0x1F",
          "../../etc/passwd",
          "..%2F..%2F",
          "<script>alert(1)</script>",
          "${jndi:ldap://x/a}",
          "\u202Eevil",
          "\uFEFFbom",
          "🙂🙃",
          "a b",
          "tab\there",
          "new\nline",
          "\u0000",
          "null",
          "true",
          "[]",
          "{}",
          " ");

  /** Raw JSON tokens for a value: wrong types, extremes, and numbers JSON cannot carry. */
  static final List<String> HOSTILE_LITERALS =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "1e309",
          "-1e309",
          "1e-400",
          "99999999999999999999999999999",
          "-99999999999999999999999999999",
          "-1",
          "-0.5",
          "0",
          "1e308",
          "9223372036854775808",
          "-2147483649",
          "true",
          "false",
          "null",
          "[]",
          "{}",
          "[[[[[]]]]]",
          "{\"a\": {\"b\": {}}}",
          "\"\"",
          "01",
          ".5",
          "+1",
          "1.",
          "0x10");

  /** A poison string, any characters (unpaired surrogates too), a long one, or control ones. */
  static String hostileString(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> POISON.get(random.nextInt(POISON.size()));
      case 1 -> chars(random, 1 + random.nextInt(40), Character.MIN_VALUE, Character.MAX_VALUE);
      case 2 -> chars(random, 129 + random.nextInt(4_872), 'a', 'z');
      default -> chars(random, 1 + random.nextInt(5), '\u0000', '\u001f');
    };
  }

  /** A JSON token for a value: a literal above, a hostile string, any double or a big integer. */
  static String hostileToken(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> HOSTILE_LITERALS.get(random.nextInt(HOSTILE_LITERALS.size()));
      case 1 -> JsonNodeFactory.instance.textNode(hostileString(random)).toString();
      case 2 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
      default ->
          new BigInteger(1 + random.nextInt(200), random)
              .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1))
              .toString();
    };
  }

  static String chars(Random random, int length, char first, char last) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (first + random.nextInt(last - first + 1)));
    }
    return text.toString();
  }

  enum Kind {
    BAD_CREDENTIALS,
    BAD_PATH_PARAMETER,
    BAD_QUERY_PARAMETER,
    BAD_IDEMPOTENCY_KEY,
    BROKEN_JSON,
    DEEP_NESTING,
    INVALID_UTF8,
    OVERSIZED_BODY,
    WRONG_MEDIA_TYPE,
    UNKNOWN_FIELD,
    FIELD_VIOLATION
  }

  /** A request to send, and what makes it wrong. */
  record Hostile(
      Kind kind,
      String method,
      String template,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String contentType,
      byte[] body) {}

  record Operation(String method, String template, JsonNode spec) {
    boolean hasBody() {
      return spec.has("requestBody");
    }

    /**
     * The media type of a body that is not JSON (a file to import), or null. Its lines are checked
     * one by one and rejected lines are reported, not refused (documented), so only the request
     * around the file is hostile here: credentials, parameters, key and media type.
     */
    String fileMedia() {
      JsonNode content = spec.path("requestBody").path("content");
      return !hasBody() || content.has("application/json") ? null : content.fieldNames().next();
    }

    List<JsonNode> parameters(String in) {
      List<JsonNode> found = new ArrayList<>();
      spec.path("parameters")
          .forEach(
              p -> {
                if (in.equals(p.path("in").asText())) {
                  found.add(p);
                }
              });
      return found;
    }

    boolean idempotent() {
      return parameters("header").stream()
          .anyMatch(p -> p.path("name").asText().equals("Idempotency-Key"));
    }

    boolean operatorOnly() {
      return template.equals("/v1/tenants");
    }
  }

  @Test
  void ten_thousand_hostile_requests_get_documented_4xx_problems_and_write_nothing()
      throws Exception {
    // A fixed seed keeps CI repeatable; -Dhostile.seed=random explores new inputs.
    String seedSetting = System.getProperty("hostile.seed", "20261125");
    long seed = seedSetting.equals("random") ? System.nanoTime() : Long.parseLong(seedSetting);
    Random random = new Random(seed);
    Api.Tenant tenant = Api.newTenant("hostile");
    // Something to aim at: an account with a score, so ids that exist meet hostile input too.
    Api.jsonAs(tenant.adminKey())
        .body("{\"signals\": [{\"key\": \"nps_response\", \"value\": 9}]}")
        .post("/v1/accounts/known/signals")
        .then()
        .statusCode(200);
    String before = fingerprint(tenant.id());
    long tenantsBefore = Database.count("select count(*) from tenant");

    List<Operation> operations = operations();
    // The mutations start from the documented examples: those must be valid themselves.
    for (Operation op : operations) {
      if (op.hasBody() && op.fileMedia() == null) {
        assertEquals(
            List.of(),
            CONTRACT.requestViolations(op.method(), op.template(), example(op).toString()),
            op.method() + " " + op.template() + " example");
      }
    }
    // The requests are drawn first, in order (the seed decides them), then sent from four
    // threads: each is independent of the others, and the suite's time is the build's.
    record Planned(Operation operation, Hostile hostile) {}
    List<Planned> planned = new ArrayList<>();
    while (planned.size() < REQUESTS) {
      Operation operation = operations.get(random.nextInt(operations.size()));
      Hostile hostile = generate(operation, random);
      if (hostile != null) {
        planned.add(new Planned(operation, hostile));
      }
    }
    Map<String, Integer> byStatus = new ConcurrentHashMap<>();
    Map<Kind, Integer> byKind = new ConcurrentHashMap<>();
    Map<String, Integer> byOperation = new ConcurrentHashMap<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> sending = new ArrayList<>();
      for (Planned p : planned) {
        sending.add(
            senders.submit(
                () -> {
                  Operation operation = p.operation();
                  Hostile hostile = p.hostile();
                  byKind.merge(hostile.kind(), 1, Integer::sum);
                  byOperation.merge(
                      operation.method() + " " + operation.template(), 1, Integer::sum);
                  String key = operation.operatorOnly() ? Api.ADMIN_KEY : tenant.adminKey();
                  String where =
                      hostile.kind() + " " + hostile.method() + " " + hostile.template() + " -> ";
                  try {
                    Reply reply = send(hostile, key);
                    int status = reply.status();
                    byStatus.merge(Integer.toString(status), 1, Integer::sum);
                    if (status < 400
                        || status >= 500
                        || !String.valueOf(reply.contentType())
                            .startsWith("application/problem+json")) {
                      failures.add(
                          describe(hostile) + " -> " + status + " " + abbreviate(reply.body()));
                      failureKinds.merge(where + status, 1, Integer::sum);
                    }
                  } catch (IOException | InterruptedException e) {
                    byStatus.merge("no-reply", 1, Integer::sum);
                    failures.add(describe(hostile) + " -> no reply: " + e);
                    failureKinds.merge(where + "no-reply", 1, Integer::sum);
                  } catch (AssertionError contractViolation) {
                    byStatus.merge("contract-violation", 1, Integer::sum);
                    failures.add(
                        describe(hostile) + " -> " + abbreviate(contractViolation.getMessage()));
                    failureKinds.merge(where + "contract", 1, Integer::sum);
                  }
                }));
      }
      for (Future<?> done : sending) {
        done.get();
      }
    } finally {
      senders.shutdownNow();
    }
    int sent = planned.size();
    String after = fingerprint(tenant.id());
    long fives =
        byStatus.entrySet().stream()
            .filter(e -> e.getKey().startsWith("5"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    System.out.printf(
        "hostile input: seed=%d requests=%d operations=%d by-status=%s 5xx=%d"
            + " by-kind=%s failures=%d tenant-rows-changed=%s%n",
        seed,
        sent,
        operations.size(),
        new TreeMap<>(byStatus),
        fives,
        new TreeMap<>(byKind),
        failures.size(),
        !before.equals(after));
    failures.stream().distinct().limit(10).forEach(f -> System.out.println("  " + f));
    new TreeMap<>(failureKinds)
        .forEach((kind, count) -> System.out.println("  " + count + " x " + kind));

    // Every documented operation met hostile input, at least ten requests each.
    assertEquals(operations.size(), byOperation.size(), "operations reached: " + byOperation);
    assertTrue(
        byOperation.values().stream().allMatch(n -> n >= 10),
        "requests per operation: " + byOperation);
    assertEquals(0, fives, "5xx replies");
    assertEquals(
        List.of(),
        failures.stream().distinct().limit(25).toList(),
        "replies that were not a documented 4xx problem (seed " + seed + ")");
    assertEquals(before, after, "a rejected request changed the tenant's data");
    assertEquals(tenantsBefore, Database.count("select count(*) from tenant"));
    Database.assertConsistent();
  }

  static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    CONTRACT
        .document()
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method ->
                            all.add(
                                new Operation(
                                    method.getKey().toUpperCase(java.util.Locale.ROOT),
                                    path.getKey(),
                                    method.getValue()))));
    return all;
  }

  static Hostile generate(Operation op, Random random) {
    List<Kind> kinds = new ArrayList<>(List.of(Kind.BAD_CREDENTIALS));
    if (!op.parameters("path").isEmpty()) {
      kinds.add(Kind.BAD_PATH_PARAMETER);
    }
    if (op.parameters("query").stream().anyMatch(HostileInputTest::constrained)) {
      kinds.add(Kind.BAD_QUERY_PARAMETER);
    }
    if (op.idempotent()) {
      kinds.add(Kind.BAD_IDEMPOTENCY_KEY);
    }
    if (op.fileMedia() != null) {
      kinds.add(Kind.WRONG_MEDIA_TYPE);
    } else if (op.hasBody()) {
      kinds.addAll(
          List.of(
              Kind.BROKEN_JSON,
              Kind.DEEP_NESTING,
              Kind.INVALID_UTF8,
              Kind.WRONG_MEDIA_TYPE,
              Kind.UNKNOWN_FIELD,
              Kind.FIELD_VIOLATION,
              Kind.FIELD_VIOLATION,
              Kind.FIELD_VIOLATION));
      if (random.nextInt(20) == 0) {
        kinds.add(Kind.OVERSIZED_BODY);
      }
    }
    if (kinds.size() > 1 && random.nextInt(4) != 0) {
      kinds.remove(Kind.BAD_CREDENTIALS); // cheap to refuse: a quarter of its share is plenty
    }
    Kind kind = kinds.get(random.nextInt(kinds.size()));
    Map<String, String> pathValues = new TreeMap<>();
    for (JsonNode p : op.parameters("path")) {
      pathValues.put(p.path("name").asText(), encode(validPathValue(p)));
    }
    Map<String, String> query = new TreeMap<>();
    Map<String, String> headers = new TreeMap<>();
    String contentType = op.hasBody() ? "application/json" : null;
    byte[] body = op.hasBody() ? example(op).toString().getBytes(StandardCharsets.UTF_8) : null;
    if (op.fileMedia() != null) {
      contentType = op.fileMedia();
      body = fileExample(op).getBytes(StandardCharsets.UTF_8);
    }
    switch (kind) {
      case BAD_CREDENTIALS ->
          headers.put(
              "Authorization",
              oneOf(
                  random,
                  () -> "Bearer " + hostileString(random).replaceAll("[^\\x21-\\x7e]", "x"),
                  () -> "Bearer hs_" + "A".repeat(10_000),
                  () -> "Basic dXNlcjpwYXNz",
                  () -> "",
                  () -> "Bearer",
                  () -> "bearer  hs_x y",
                  () -> "Bearer hs_' or 1=1 --"));
      case BAD_PATH_PARAMETER -> {
        List<JsonNode> params = op.parameters("path");
        JsonNode p = params.get(random.nextInt(params.size()));
        pathValues.put(p.path("name").asText(), hostilePathValue(p, random));
      }
      case BAD_QUERY_PARAMETER -> {
        List<JsonNode> params =
            op.parameters("query").stream().filter(HostileInputTest::constrained).toList();
        JsonNode p = params.get(random.nextInt(params.size()));
        String value = invalidQueryValue(p.path("schema"), random);
        query.put(p.path("name").asText(), abbreviated(value, 1_000));
      }
      case BAD_IDEMPOTENCY_KEY ->
          headers.put(
              "Idempotency-Key",
              oneOf(
                  random,
                  () -> "k".repeat(256),
                  () -> "key with spaces",
                  () -> "\u00e9t\u00e9",
                  () -> "tab\tkey"));
      case BROKEN_JSON -> {
        String valid = new String(body, StandardCharsets.UTF_8);
        String broken = brokenJson(valid, random);
        body = (broken.equals(valid) ? valid + "}" : broken).getBytes(StandardCharsets.UTF_8);
      }
      case DEEP_NESTING ->
          body =
              ("{\"a\": " + "[".repeat(5_000 + random.nextInt(50_000)))
                  .getBytes(StandardCharsets.UTF_8);
      case INVALID_UTF8 -> body = invalidUtf8(body, random);
      case OVERSIZED_BODY -> body = oversized(random);
      case WRONG_MEDIA_TYPE ->
          contentType =
              oneOf(
                  random,
                  () -> "text/plain",
                  () -> "application/xml",
                  () -> "application/x-www-form-urlencoded",
                  () -> "application/json-patch+json");
      case UNKNOWN_FIELD -> {
        ObjectNode object = (ObjectNode) example(op);
        object.put("unexpected" + random.nextInt(1000), hostileString(random));
        body = object.toString().getBytes(StandardCharsets.UTF_8);
      }
      case FIELD_VIOLATION -> {
        body = fieldViolation(op, random);
        if (body == null) {
          return null;
        }
      }
      default -> throw new IllegalStateException(kind.name());
    }
    String path = op.template();
    for (Map.Entry<String, String> value : pathValues.entrySet()) {
      path = path.replace("{" + value.getKey() + "}", value.getValue());
    }
    return new Hostile(kind, op.method(), op.template(), path, query, headers, contentType, body);
  }

  /** Replaces one value of the documented example with a hostile token the schema rejects. */
  static byte[] fieldViolation(Operation op, Random random) {
    for (int attempt = 0; attempt < 20; attempt++) {
      JsonNode example = example(op);
      List<JsonNode[]> slots = new ArrayList<>(); // {container, index-or-name}
      collectSlots(example, slots);
      boolean batch = op.template().endsWith("/batch");
      if (batch) {
        // A batch reports an invalid item by index and applies the others (documented): only
        // the request as a whole is hostile here.
        slots.removeIf(slot -> slot[0] != example);
      }
      if (slots.isEmpty()) {
        return null;
      }
      JsonNode[] slot = slots.get(random.nextInt(slots.size()));
      String marker = "\"__hostile_" + random.nextInt(1_000_000) + "__\"";
      String token = hostileToken(random);
      if (batch && token.startsWith("[")) {
        continue; // still a list of items, each reported by index
      }
      if (slot[0] instanceof ObjectNode object) {
        object.put(slot[1].asText(), marker.substring(1, marker.length() - 1));
      } else {
        ((ArrayNode) slot[0]).set(slot[1].asInt(), marker.substring(1, marker.length() - 1));
      }
      String body = example.toString().replace(marker, token);
      if (!CONTRACT.requestViolations(op.method(), op.template(), body).isEmpty()) {
        return body.getBytes(StandardCharsets.UTF_8);
      }
    }
    return null; // every try was a value the document allows: not a hostile request
  }

  static void collectSlots(JsonNode node, List<JsonNode[]> slots) {
    if (node instanceof ObjectNode object) {
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        slots.add(new JsonNode[] {object, JsonNodeFactory.instance.textNode(name)});
        collectSlots(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new JsonNode[] {array, JsonNodeFactory.instance.numberNode(i)});
        collectSlots(array.get(i), slots);
      }
    }
  }

  static String fileExample(Operation op) {
    return op.spec()
        .path("requestBody")
        .path("content")
        .path(op.fileMedia())
        .path("examples")
        .elements()
        .next()
        .path("value")
        .asText();
  }

  static JsonNode example(Operation op) {
    JsonNode media = op.spec().path("requestBody").path("content").path("application/json");
    JsonNode value = media.path("example");
    if (value.isMissingNode()) {
      Iterator<JsonNode> examples = media.path("examples").elements();
      value = examples.hasNext() ? examples.next().path("value") : JSON.createObjectNode();
    }
    return value.deepCopy();
  }

  static String brokenJson(String valid, Random random) {
    return oneOf(
        random,
        () -> valid.substring(0, Math.max(1, random.nextInt(Math.max(1, valid.length())))),
        () -> valid.replaceFirst(":\\s*[0-9.]+", ": NaN"),
        () -> valid.replaceFirst(":\\s*[0-9.]+", ": -Infinity"),
        () -> valid + " trailing",
        () -> valid.replace("\"", "'"),
        () -> "// comment\n" + valid,
        () -> valid.replaceFirst("\\{", "{\"dup\": 1, \"dup\": 2, "),
        () -> valid.replaceFirst("\\{\\s*\"([^\"]+)\"\\s*:\\s*([^,}]+)", "{\"$1\": $2, \"$1\": $2"),
        () -> "",
        () -> "null",
        () -> "[]",
        () -> "\"text\"",
        () -> "42",
        () -> "{",
        () -> "{\"a\":}",
        () -> "\u0000");
  }

  static byte[] invalidUtf8(byte[] valid, Random random) {
    String text = new String(valid, StandardCharsets.UTF_8);
    int quote = text.indexOf('"', 1 + random.nextInt(Math.max(1, text.length() - 1)));
    int at = quote < 0 ? text.indexOf('"') + 1 : quote;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, head.length);
    byte[][] bad = {
      {(byte) 0xC3, (byte) 0x28},
      {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xC0, (byte) 0xAF}
    };
    byte[] chosen = bad[random.nextInt(bad.length)];
    out.write(chosen, 0, chosen.length);
    byte[] tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
    out.write(tail, 0, tail.length);
    return out.toByteArray();
  }

  static byte[] oversized(Random random) {
    StringBuilder body = new StringBuilder("{\"signals\": [");
    while (body.length() < 2_200_000 + random.nextInt(500_000)) {
      body.append("{\"key\": \"nps_response\", \"value\": 9},");
    }
    body.append("{\"key\": \"nps_response\", \"value\": 9}]}");
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A value the parameter's schema rejects. */
  static String invalidQueryValue(JsonNode schema, Random random) {
    if (schema.has("enum")) {
      return hostileString(random) + "-not-a-choice";
    }
    String type = schema.path("type").asText();
    if (type.equals("boolean")) {
      return oneOf(random, () -> "maybe", () -> "2", () -> "yes please", () -> "");
    }
    if (type.equals("integer")) {
      return oneOf(
          random,
          () -> "abc",
          () -> "1.5",
          () -> "1e3",
          () -> "NaN",
          () -> "99999999999999999999",
          () -> "0x10",
          () -> " 5",
          () ->
              Long.toString(
                  schema.path("minimum").asLong(Long.MIN_VALUE) - 1 - random.nextInt(1000)),
          () ->
              Long.toString(
                  schema.path("maximum").asLong(Long.MAX_VALUE - 1000) + 1 + random.nextInt(1000)));
    }
    throw new IllegalStateException("not a constrained parameter: " + schema);
  }

  static boolean constrained(JsonNode parameter) {
    JsonNode schema = parameter.path("schema");
    String type = schema.path("type").asText();
    return schema.has("enum") || type.equals("integer") || type.equals("boolean");
  }

  static String validPathValue(JsonNode parameter) {
    return parameter.path("schema").path("type").asText().equals("integer") ? "1" : "known";
  }

  /** A path value the parameter rejects, or (unconstrained) names nothing that exists. */
  static String hostilePathValue(JsonNode parameter, Random random) {
    if (parameter.path("schema").path("type").asText().equals("integer")) {
      return oneOf(
          random,
          () -> "-1",
          () -> "0",
          () -> "99999999999999999999",
          () -> "abc",
          () -> "1.5",
          () -> "1e3",
          () -> "%00");
    }
    return oneOf(
        random,
        () -> encode(abbreviated(hostileString(random), 1_000) + "!"),
        () -> encode("x".repeat(129 + random.nextInt(2_000))),
        () -> "%C3%28",
        () -> "%FF%FE",
        () -> "%00",
        () -> "%2e%2e%2f%2e%2e%2fetc",
        () -> encode("' or '1'='1"),
        () -> encode("-leading-dash"),
        () -> encode("a/b"));
  }

  /** What came back: the status, the Content-Type header (or null) and the body. */
  record Reply(int status, String contentType, String body) {}

  /**
   * Sends the request as built, bytes and headers untouched, over HTTP/1.1 (Http2Test covers
   * HTTP/2), and checks the reply against the document as the suite's ContractFilter does. A plain
   * JDK client: RestAssured's per-request cost was most of this test's time.
   */
  static Reply send(Hostile hostile, String key) throws IOException, InterruptedException {
    if (hostile.headers().values().stream().anyMatch(v -> !v.chars().allMatch(c -> c < 127))) {
      return sendLatin1(hostile, key);
    }
    String query =
        hostile.query().entrySet().stream()
            .map(e -> e.getKey() + "=" + encode(e.getValue()))
            .reduce((a, b) -> a + "&" + b)
            .map(q -> "?" + q)
            .orElse("");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + hostile.path() + query))
            .timeout(Duration.ofSeconds(30));
    headers(hostile, key).forEach(request::header);
    if (hostile.body() != null) {
      request.header("Content-Type", hostile.contentType());
    }
    request.method(
        hostile.method(),
        hostile.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    Reply reply =
        new Reply(
            response.statusCode(),
            response.headers().firstValue("Content-Type").orElse(null),
            response.body());
    Contract.assertReply(
        hostile.method(), hostile.path(), reply.status(), reply.contentType(), reply.body());
    return reply;
  }

  /** The request's headers, with the tenant's key unless the hostile part is the credentials. */
  static Map<String, String> headers(Hostile hostile, String key) {
    Map<String, String> all = new TreeMap<>(hostile.headers());
    all.putIfAbsent("Authorization", "Bearer " + key);
    return all;
  }

  /**
   * The JDK client writes a header character it cannot send as ASCII as '?'; RestAssured's client
   * writes it as its Latin-1 byte, which is the hostile part.
   */
  static Reply sendLatin1(Hostile hostile, String key) {
    RequestSpecification request = RestAssured.given().urlEncodingEnabled(false);
    headers(hostile, key).forEach((name, value) -> request.header(name, value));
    hostile.query().forEach((name, value) -> request.queryParam(name, encode(value)));
    if (hostile.body() != null) {
      request
          .config(
              RestAssured.config()
                  .encoderConfig(
                      EncoderConfig.encoderConfig()
                          .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
          .contentType(hostile.contentType())
          .body(hostile.body());
    }
    Response response = request.request(hostile.method(), hostile.path());
    return new Reply(response.statusCode(), response.contentType(), response.asString());
  }

  /** Every row of the tenant, as one digest per table that has a tenant_id (found, not listed). */
  static String fingerprint(String tenantId) {
    String tables =
        Database.string(
            """
            select string_agg(c.table_name, ',' order by c.table_name)
            from information_schema.columns c
            join information_schema.tables t using (table_schema, table_name)
            where c.table_schema = 'public' and c.column_name = 'tenant_id'
              and t.table_type = 'BASE TABLE'
            """);
    StringBuilder all = new StringBuilder();
    for (String table : tables.split(",")) {
      all.append(table)
          .append('=')
          .append(
              Database.string(
                  "select count(*) || ':' || md5("
                      + "coalesce(string_agg(t::text, '|' order by t::text), '')) from "
                      + table
                      + " t where tenant_id = ?",
                  tenantId))
          .append(' ');
    }
    return all.toString();
  }

  /** At most this many characters: past the HTTP layer's 4 KiB request line comes a bare 414. */
  static String abbreviated(String value, int length) {
    return value.substring(0, Math.min(value.length(), length));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @SafeVarargs
  static <T> T oneOf(Random random, Supplier<T>... choices) {
    return choices[random.nextInt(choices.length)].get();
  }

  static String describe(Hostile h) {
    return h.kind()
        + " "
        + h.method()
        + " "
        + abbreviate(h.path())
        + (h.query().isEmpty() ? "" : " ?" + abbreviate(h.query().toString()))
        + (h.headers().isEmpty() ? "" : " headers " + abbreviate(h.headers().toString()))
        + (h.body() == null
            ? ""
            : " body " + abbreviate(new String(h.body(), StandardCharsets.UTF_8)));
  }

  static String abbreviate(String text) {
    return text == null ? "null" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
  }
}
