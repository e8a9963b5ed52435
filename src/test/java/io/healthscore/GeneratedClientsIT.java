package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.client.ApiClient;
import io.healthscore.client.ApiException;
import io.healthscore.client.api.AccountsApi;
import io.healthscore.client.api.HealthApi;
import io.healthscore.client.api.ScoringApi;
import io.healthscore.client.model.AccountUpsert;
import io.healthscore.client.model.AccountWithHealth;
import io.healthscore.client.model.Health;
import io.healthscore.client.model.HealthListItem;
import io.healthscore.client.model.HealthListPage;
import io.healthscore.client.model.Money;
import io.healthscore.client.model.Problem;
import io.healthscore.client.model.ScoreRequest;
import io.healthscore.client.model.SignalInput;
import io.healthscore.client.model.SignalValue;
import io.healthscore.support.ServiceProcess;
import io.healthscore.support.SharedService;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an integrator does first: generate a client from openapi/openapi.json (the build does, with
 * openapi-generator: Java's native library and Python) and call the packaged service with it:
 * upsert accounts with signals, read a score, page through the portfolio with the cursor, score
 * statelessly, and decode a 400 as a problem. Runs after packaging (failsafe).
 */
class GeneratedClientsIT {

  static final String ADMIN_KEY = SharedService.ADMIN_KEY;
  static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    service = SharedService.get();
  }

  @Test
  void the_generated_java_client_round_trips_over_http2() throws Exception {
    Set<HttpClient.Version> versions = ConcurrentHashMap.newKeySet();
    ApiClient client = new ApiClient();
    client.updateBaseUri(service.baseUrl());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + ADMIN_KEY));
    client.setResponseInterceptor(response -> versions.add(response.version()));
    AccountsApi accounts = new AccountsApi(client);
    HealthApi health = new HealthApi(client);

    for (int i = 0; i < 3; i++) {
      AccountWithHealth reply =
          accounts.upsertAccount(
              "java-" + i,
              new AccountUpsert()
                  .name("Java " + i)
                  .arr(new Money().amount(BigDecimal.valueOf(24_000 + i)).currency("USD"))
                  .signals(
                      List.of(
                          signal("nps", new SignalValue(BigDecimal.valueOf(-20 + 30 * i))),
                          signal("csm_sentiment", new SignalValue("neutral")))),
              null,
              null);
      assertEquals("USD", reply.getAccount().getArr().getCurrency());
      assertEquals(1L, reply.getHealth().getSequence());
    }
    Health full = health.getAccountHealth("java-2", null, null, null);
    assertNotNull(full.getScore());
    assertTrue(!full.getGroups().isEmpty());

    HealthListPage first = health.listHealth(null, null, 2, null, null, null, null, null, null);
    assertNotNull(first.getNextCursor());
    HealthListPage second =
        health.listHealth(null, first.getNextCursor(), 2, null, null, null, null, null, null);
    Set<String> onFirst = ids(first.getItems());
    assertTrue(!second.getItems().isEmpty());
    assertTrue(ids(second.getItems()).stream().noneMatch(onFirst::contains));

    Health scored =
        new ScoringApi(client)
            .scoreSignals(
                new ScoreRequest()
                    .signals(List.of(signal("nps", new SignalValue(BigDecimal.valueOf(30))))),
                "summary");
    assertNotNull(scored.getScore());
    assertTrue(
        scored.getGroups() == null || scored.getGroups().isEmpty(), "a summary has no groups");

    ApiException refused =
        assertThrows(
            ApiException.class,
            () ->
                accounts.upsertAccount(
                    "java-bad",
                    new AccountUpsert()
                        .name("Bad")
                        .signals(List.of(signal("nps", new SignalValue(BigDecimal.valueOf(500))))),
                    null,
                    null));
    assertEquals(400, refused.getCode());
    Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertEquals("signals[0].value", problem.getErrors().get(0).getField());
    // The native library upgrades plain-http connections to HTTP/2 (h2c), writes included.
    assertTrue(versions.contains(HttpClient.Version.HTTP_2), "versions seen: " + versions);
  }

  @Test
  void the_generated_python_client_round_trips() throws Exception {
    Path clients = Path.of("target", "generated-clients", "python");
    ProcessBuilder python =
        new ProcessBuilder(
                "python3",
                "src/test/python/client_round_trip.py",
                service.baseUrl(),
                ADMIN_KEY,
                "python")
            .redirectErrorStream(true);
    python.environment().put("PYTHONPATH", clients.toAbsolutePath().toString());
    Process process = python.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the round trip finished");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("\"pages\": [2, "), output);
  }

  private static SignalInput signal(String key, SignalValue value) {
    return new SignalInput().key(key).value(value);
  }

  private static Set<String> ids(List<HealthListItem> items) {
    return items.stream().map(HealthListItem::getAccountId).collect(Collectors.toSet());
  }
}
