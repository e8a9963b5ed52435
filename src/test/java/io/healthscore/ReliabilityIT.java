package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.consistency.ConsistencyCheck;
import io.healthscore.support.Contract;
import io.healthscore.support.ScratchDirectories;
import io.healthscore.support.ServiceProcess;
import io.healthscore.support.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged instances on one PostgreSQL, as a load balancer sees them: interleaved writes for
 * the same accounts, a recompute job and webhooks shared between them, then the database stopped
 * and started under load while clients retry. Each scenario prints its figures and ends with the
 * consistency check. Runs after packaging (failsafe).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

  static final String ADMIN_KEY = "hs_reliability_suite_admin_key_00000000000";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> SETTINGS =
      Map.of(
          "healthscore.webhooks.allow-http", "true",
          "healthscore.webhooks.allowed-networks", "127.0.0.0/8",
          "healthscore.webhooks.retry-base", "PT0.2S",
          "healthscore.webhooks.retry-max-delay", "PT1S",
          "healthscore.jobs.chunk-size", "250",
          // A dead instance's chunks are taken over after this (10 s by default).
          "healthscore.jobs.lease", "PT3S",
          "healthscore.imports.chunk-lines", "1000");

  static Path dataDirectory;
  static EmbeddedDatabase db;
  static int dbPort;
  static List<ServiceProcess> instances = new ArrayList<>();
  static final Set<String> CONTRACT_VIOLATIONS = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    dataDirectory = Files.createTempDirectory("healthscore-reliability-pg");
    dbPort = ServiceProcess.freePort();
    db = EmbeddedDatabase.start(dataDirectory, dbPort, false);
    // Both start at once, as a deployment rolls out replicas: migrations and bootstrap race.
    instances.add(ServiceProcess.start("reliability-a", db, ADMIN_KEY, SETTINGS));
    instances.add(ServiceProcess.start("reliability-b", db, ADMIN_KEY, SETTINGS));
    for (ServiceProcess instance : instances) {
      instance.awaitReady();
    }
  }

  @AfterEach
  void repliesMatchTheContract() {
    assertTrue(Contract.committed().responsesChecked() > 0, "no reply was checked");
    assertEquals(Set.of(), CONTRACT_VIOLATIONS, "replies that do not match openapi/openapi.json");
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServiceProcess instance : instances) {
      instance.close();
    }
    db.close();
    ScratchDirectories.delete(dataDirectory);
  }

  @Test
  @Order(1)
  void two_instances_share_accounts_jobs_and_webhooks_without_losing_or_repeating_anything()
      throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      JsonNode webhook =
          send(
                  0,
                  "POST",
                  "/v1/webhooks",
                  """
                  {"url": "%s", "eventTypes": ["health.score_updated"], "scorecards": ["default"]}
                  """
                      .formatted(receiver.url()),
                  null)
              .json();
      assertTrue(webhook.has("secret"), webhook.toString());
      receiver.trust(webhook.path("secret").asText());

      // Interleaved writes: 8 clients, every other request through the other instance, all on
      // the same 20 accounts.
      int clients = 8;
      int perClient = 150;
      AtomicInteger acknowledged = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        int client = t;
        threads.add(
            started(
                () -> {
                  for (int i = 0; i < perClient; i++) {
                    try {
                      Reply r =
                          send(
                              i % 2,
                              "POST",
                              "/v1/accounts/shared-" + (i % 20) + "/signals",
                              "{\"signals\": [{\"key\": \"nps_response\", \"value\": "
                                  + (i % 11)
                                  + ", \"eventId\": \"two-"
                                  + client
                                  + "-"
                                  + i
                                  + "\"}]}",
                              null);
                      (r.status() == 200 ? acknowledged : failed).incrementAndGet();
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                }));
      }
      for (Thread thread : threads) {
        thread.join();
      }

      // A recompute job that both instances work on.
      // The instance that saves the scorecard starts its job at once; the other joins at its next
      // poll (1 s): enough accounts that the job outlasts it.
      int accounts = 30_000;
      owner(
          "insert into account (tenant_id, account_id) select 'default', 'bulk-' || g"
              + " from generate_series(1, "
              + accounts
              + ") g");
      owner(
          "insert into signal (tenant_id, account_id, key, number_value, observed_at)"
              + " select 'default', 'bulk-' || g, 'active_users_ratio', random(), now()"
              + " from generate_series(1, "
              + accounts
              + ") g");
      Reply scorecard =
          send(
              1,
              "POST",
              "/v1/scorecards",
              """
              {"id": "usage", "groups": [{"id": "g", "weight": 1, "measures": [
                {"id": "users", "signal": "active_users_ratio", "aggregation": "latest",
                 "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}
              """,
              null);
      assertEquals(201, scorecard.status(), scorecard.body());
      long jobId = queryLong("select max(job_id) from job where scorecard_id = 'usage'");
      awaitTrue(
          "recompute job done",
          120,
          () ->
              "done"
                  .equals(
                      send(0, "GET", "/v1/jobs/" + jobId, null, null)
                          .json()
                          .path("status")
                          .asText()));

      long events =
          queryLong(
              "select count(*) from webhook_delivery where subscription_id = '"
                  + webhook.path("id").asText()
                  + "'");
      awaitTrue(
          "every webhook delivered",
          120,
          () ->
              queryLong("select count(*) from webhook_delivery where status <> 'delivered'") == 0);
      long chunks = queryLong("select count(*) from job_chunk where job_id = " + jobId);
      long chunksRepeated =
          queryLong(
              "select count(*) from job_chunk where job_id = " + jobId + " and attempts <> 1");
      long workers =
          queryLong("select count(distinct leased_by) from job_chunk where job_id = " + jobId);
      long recomputed =
          queryLong(
              "select count(*) from health_history"
                  + " where scorecard_id = 'usage' and account_id like 'bulk-%'");
      long recomputedAccounts =
          queryLong(
              "select count(distinct account_id) from health_history"
                  + " where scorecard_id = 'usage' and account_id like 'bulk-%'");
      long signals = queryLong("select count(*) from signal where event_id like 'two-%'");
      long history =
          queryLong(
              "select count(*) from health_history"
                  + " where account_id like 'shared-%' and scorecard_id = 'default'");
      int received = receiver.all().size();
      int receivedUnique = receiver.unique().size();
      ConsistencyCheck.Report report = consistency();
      System.out.printf(
          "two instances: writes sent=%d acknowledged=%d failed=%d signals-stored=%d"
              + " history-rows=%d | recompute accounts=%d chunks=%d chunks-done-twice=%d"
              + " workers=%d scores-written=%d | webhook events=%d received=%d unique=%d"
              + " bad-signatures=%d | consistent=%s%n",
          clients * perClient,
          acknowledged.get(),
          failed.get(),
          signals,
          history,
          accounts,
          chunks,
          chunksRepeated,
          workers,
          recomputed,
          events,
          received,
          receivedUnique,
          receiver.badSignatures().size(),
          report.consistent());

      assertEquals(clients * perClient, acknowledged.get());
      assertEquals(acknowledged.get(), signals, "a write was lost or doubled");
      assertEquals(signals, history, "one score per stored signal, none lost between instances");
      assertEquals(0, chunksRepeated, "a chunk was done more than once");
      assertTrue(workers >= 2, "both instances should have taken chunks: " + workers);
      assertEquals(accounts, recomputed, "each account re-scored exactly once");
      assertEquals(accounts, recomputedAccounts);
      assertEquals(history, events, "one event per score");
      assertEquals(events, receivedUnique, "every event arrives");
      assertEquals(receivedUnique, received, "no event arrives twice");
      assertEquals(List.of(), receiver.badSignatures());
      assertTrue(report.consistent(), report.toString());
    }
  }

  @Test
  @Order(2)
  void a_database_restart_under_retrying_load_loses_and_doubles_nothing() throws Exception {
    int clients = 8;
    AtomicBoolean stopping = new AtomicBoolean();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> abandoned = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicInteger otherStatus = new AtomicInteger();
    AtomicInteger stillRunning = new AtomicInteger();
    AtomicInteger connectionErrors = new AtomicInteger();
    AtomicLong slowestFailureMillis = new AtomicLong();
    AtomicLong slowestMillis = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    // Clients work in twins that send every write at the same time, each through the other
    // instance, with the same Idempotency-Key and eventId, and retry until answered.
    Map<String, Long> sequenceAnswered = new ConcurrentHashMap<>();
    AtomicInteger answeredDifferently = new AtomicInteger();
    for (int t = 0; t < clients; t++) {
      int pair = t / 2;
      int twin = t % 2;
      threads.add(
          started(
              () -> {
                for (long i = 0; !stopping.get(); i++) {
                  String eventId = "restart-" + pair + "-" + i;
                  String body =
                      "{\"signals\": [{\"key\": \"csat\", \"value\": "
                          + (1 + i % 5)
                          + ", \"eventId\": \""
                          + eventId
                          + "\"}]}";
                  String path = "/v1/accounts/restart-" + ((pair * 7 + i) % 50) + "/signals";
                  // Within this time a key held by a try that the outage cut off must be free again
                  // (its lock alone would hold it for a minute).
                  long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                  boolean done = false;
                  for (int attempt = 0; !done && System.nanoTime() < deadline; attempt++) {
                    long started = System.nanoTime();
                    sent.incrementAndGet();
                    try {
                      Reply r =
                          send(
                              (int) ((i + twin + attempt) % 2),
                              "POST",
                              path,
                              body,
                              "idem-" + eventId);
                      if (r.status() == 200) {
                        ok.incrementAndGet();
                        if (r.replayed()) {
                          replayed.incrementAndGet();
                        }
                        long sequence = r.json().path("health").path("sequence").asLong();
                        if (sequenceAnswered.merge(eventId, sequence, (a, b) -> a) != sequence) {
                          answeredDifferently.incrementAndGet();
                        }
                        done = true;
                      } else if (r.status() == 503) {
                        unavailable.incrementAndGet();
                      } else if (r.status() == 409) {
                        stillRunning.incrementAndGet(); // the twin's try, or one the outage cut off
                      } else {
                        otherStatus.incrementAndGet();
                      }
                    } catch (IOException e) {
                      connectionErrors.incrementAndGet();
                    } catch (InterruptedException e) {
                      return;
                    }
                    slowestMillis.accumulateAndGet(
                        (System.nanoTime() - started) / 1_000_000, Math::max);
                    if (!done) {
                      slowestFailureMillis.accumulateAndGet(
                          (System.nanoTime() - started) / 1_000_000, Math::max);
                      sleep(100);
                    }
                  }
                  (done ? acknowledged : abandoned).add(eventId);
                }
              }));
    }
    sleep(2_000);
    int acknowledgedBeforeOutage = acknowledged.size();
    db.close(); // fast shutdown: sessions are cut mid-transaction
    long outageStarted = System.nanoTime();
    long notReadyAfterMillis = -1;
    while (System.nanoTime() - outageStarted < Duration.ofSeconds(6).toNanos()) {
      if (notReadyAfterMillis < 0
          && instances.get(0).readiness() == 503
          && instances.get(1).readiness() == 503) {
        notReadyAfterMillis = (System.nanoTime() - outageStarted) / 1_000_000;
      }
      sleep(100);
    }
    int acknowledgedDuringOutage = acknowledged.size();
    db = EmbeddedDatabase.start(dataDirectory, dbPort, false);
    long restarted = System.nanoTime();
    long readyAgainAfterMillis = -1;
    while (System.nanoTime() - restarted < Duration.ofSeconds(60).toNanos()) {
      if (instances.get(0).readiness() == 200 && instances.get(1).readiness() == 200) {
        readyAgainAfterMillis = (System.nanoTime() - restarted) / 1_000_000;
        break;
      }
      sleep(100);
    }
    sleep(2_000);
    stopping.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    int acknowledgedAfterRestart = acknowledged.size() - acknowledgedDuringOutage;

    Set<String> stored = ConcurrentHashMap.newKeySet();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select event_id from signal where event_id like 'restart-%'")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    Set<String> missing = new java.util.HashSet<>(acknowledged);
    missing.removeAll(stored);
    long signals = queryLong("select count(*) from signal where event_id like 'restart-%'");
    long history =
        queryLong(
            "select count(*) from health_history"
                + " where account_id like 'restart-%' and scorecard_id = 'default'");
    ConsistencyCheck.Report report = consistency();
    System.out.printf(
        "database restart: logical-writes=%d requests=%d ok=%d replayed=%d"
            + " answered-differently=%d"
            + " 503=%d 409=%d other-status=%d connection-errors=%d slowest-failure-ms=%d"
            + " slowest-request-ms=%d"
            + " acknowledged=%d (before outage %d, after restart %d) abandoned=%d"
            + " acknowledged-but-missing=%d stored-not-acknowledged=%d signals=%d"
            + " history-rows=%d not-ready-after-ms=%d ready-again-after-ms=%d consistent=%s%n",
        acknowledged.size() + abandoned.size(),
        sent.get(),
        ok.get(),
        replayed.get(),
        answeredDifferently.get(),
        unavailable.get(),
        stillRunning.get(),
        otherStatus.get(),
        connectionErrors.get(),
        slowestFailureMillis.get(),
        slowestMillis.get(),
        acknowledged.size(),
        acknowledgedBeforeOutage,
        acknowledgedAfterRestart,
        abandoned.size(),
        missing.size(),
        stored.size() - acknowledged.size(),
        signals,
        history,
        notReadyAfterMillis,
        readyAgainAfterMillis,
        report.consistent());

    assertTrue(acknowledgedBeforeOutage > 50, "too little load before the outage");
    assertTrue(unavailable.get() > 0, "the outage was not seen");
    assertEquals(0, otherStatus.get(), "only 200, 409 or 503 are expected");
    assertEquals(0, answeredDifferently.get(), "twins got different answers to one write");
    assertEquals(0, connectionErrors.get(), "the service itself must stay up");
    // No request waits past the connection pool's acquisition timeout (5 s) for the database.
    assertTrue(slowestMillis.get() < 7_000, "a request hung during the outage");
    assertTrue(notReadyAfterMillis >= 0, "readiness never went down");
    assertTrue(readyAgainAfterMillis >= 0, "readiness never came back");
    assertTrue(acknowledgedAfterRestart > 50, "the service did not recover");
    assertEquals(Set.of(), abandoned, "a retried write never succeeded");
    assertEquals(Set.of(), missing, "acknowledged but not stored");
    assertEquals(acknowledged.size(), signals, "a write was doubled");
    assertEquals(signals, history, "a retry added a score");
    assertTrue(report.consistent(), report.toString());
  }

  @Test
  @Order(3)
  void an_import_outlives_a_database_restart_and_applies_every_line_once() throws Exception {
    int accounts = 2_000;
    int lines = 60_000;
    owner(
        "insert into account (tenant_id, account_id, arr_amount, arr_currency)"
            + " select 'default', 'imp-' || g, 1000, 'EUR' from generate_series(1, "
            + accounts
            + ") g");
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      file.append("{\"accountId\": \"imp-")
          .append(1 + i % accounts)
          .append("\", \"key\": \"csat\", \"value\": ")
          .append(1 + i % 5)
          .append(", \"observedAt\": \"2026-11-")
          .append(String.format("%02d", 1 + i / accounts % 28))
          .append("T00:00:00Z\", \"eventId\": \"imp-")
          .append(i)
          .append("\"}\n");
    }
    Reply created = upload(0, "/v1/imports?type=signal", file.toString());
    assertEquals(202, created.status(), created.body());
    long id = created.json().path("id").asLong();
    AtomicLong appliedAtStop = new AtomicLong();
    awaitTrue(
        "merging begun",
        60,
        () -> {
          JsonNode view = send(1, "GET", "/v1/imports/" + id, null, null).json();
          appliedAtStop.set(view.path("lines").path("applied").asLong());
          return appliedAtStop.get() > 0;
        });
    db.close(); // mid-merge: the chunk in flight is cut off
    sleep(2_000);
    db = EmbeddedDatabase.start(dataDirectory, dbPort, false);
    long restarted = System.nanoTime();
    awaitTrue(
        "import done after the restart",
        120,
        () -> {
          Reply r = send(1, "GET", "/v1/imports/" + id, null, null);
          return r.status() == 200 && "done".equals(r.json().path("status").asText());
        });
    long doneAfterMillis = (System.nanoTime() - restarted) / 1_000_000;
    JsonNode done = send(1, "GET", "/v1/imports/" + id, null, null).json();
    long stored = queryLong("select count(*) from signal where event_id like 'imp-%'");
    long distinct =
        queryLong("select count(distinct event_id) from signal where event_id like 'imp-%'");
    long scorecards = queryLong("select count(*) from scorecard where tenant_id = 'default'");
    long rescored =
        queryLong(
            "select count(*) from health_history where trigger = 'import' and account_id like"
                + " 'imp-%'");
    ConsistencyCheck.Report report = consistency();
    System.out.printf(
        "import across a database restart: lines=%d applied-when-stopped=%d applied=%d unchanged=%d"
            + " rejected=%d signals-stored=%d distinct=%d rescored=%d (accounts %d x scorecards %d)"
            + " done-after-restart-ms=%d consistent=%s%n",
        lines,
        appliedAtStop.get(),
        done.path("lines").path("applied").asLong(),
        done.path("lines").path("unchanged").asLong(),
        done.path("lines").path("rejected").asLong(),
        stored,
        distinct,
        rescored,
        accounts,
        scorecards,
        doneAfterMillis,
        report.consistent());
    assertTrue(appliedAtStop.get() < lines, "the merge ended before the database stopped");
    assertEquals(lines, done.path("lines").path("applied").asLong(), done.toString());
    assertEquals(0, done.path("lines").path("rejected").asLong());
    assertEquals(lines, stored, "a line was lost or applied twice");
    assertEquals(lines, distinct);
    assertEquals(accounts * scorecards, rescored, "each account re-scored once per scorecard");
    assertTrue(report.consistent(), report.toString());
  }

  @Test
  @Order(4)
  void a_recompute_whose_instance_is_killed_finishes_within_seconds_of_its_lease_running_out()
      throws Exception {
    // With the ~33,000 accounts of the scenarios before: a job that outlasts the kill.
    owner(
        "insert into account (tenant_id, account_id) select 'default', 'kill-' || g"
            + " from generate_series(1, 20000) g");
    Reply scorecard =
        send(
            1,
            "POST",
            "/v1/scorecards",
            """
            {"id": "killed", "groups": [{"id": "g", "weight": 1, "measures": [
              {"id": "users", "signal": "active_users_ratio", "aggregation": "latest",
               "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}
            """,
            null);
    assertEquals(201, scorecard.status(), scorecard.body());
    long jobId = queryLong("select max(job_id) from job where scorecard_id = 'killed'");
    awaitTrue(
        "both instances at work",
        60,
        () ->
            queryLong(
                    "select count(distinct leased_by) from job_chunk where job_id = "
                        + jobId
                        + " and status = 'leased'")
                >= 2);
    instances.get(0).process().destroyForcibly().waitFor(); // kill -9
    long killed = System.nanoTime();
    sleep(1_500);
    // The dead worker's leases are those no batch renews any more.
    String leases =
        "select string_agg(chunk_no || ':' || lease_until, ',' order by chunk_no) from job_chunk"
            + " where job_id = "
            + jobId
            + " and status = 'leased'";
    String leasedAfterKill = queryString(leases);
    assertTrue(
        leasedAfterKill != null, "no chunk leased after the kill: the job was too short to test");
    java.util.Set<String> first = Set.of(leasedAfterKill.split(","));
    sleep(1_000);
    java.util.Set<String> dead = new java.util.HashSet<>(first);
    dead.retainAll(Set.of(String.valueOf(queryString(leases)).split(",")));
    awaitTrue(
        "job done",
        120,
        () ->
            "done"
                .equals(
                    send(1, "GET", "/v1/jobs/" + jobId, null, null)
                        .json()
                        .path("status")
                        .asText()));
    long doneAfterKillMillis = (System.nanoTime() - killed) / 1_000_000;
    // The other instance noticed when the last of the dead worker's leases ran out.
    String deadLeasesEnd =
        "greatest("
            + String.join(
                ", ",
                dead.stream()
                    .map(d -> "'" + d.substring(d.indexOf(':') + 1) + "'::timestamptz")
                    .toList())
            + ")";
    long afterLeaseMillis =
        queryLong(
            "select (extract(epoch from (finished_at - "
                + deadLeasesEnd
                + ")) * 1000)::bigint from job where job_id = "
                + jobId);
    long repeated =
        queryLong("select count(*) from job_chunk where job_id = " + jobId + " and attempts > 1");
    long scored = queryLong("select count(*) from health_history where scorecard_id = 'killed'");
    long scoredAccounts =
        queryLong(
            "select count(distinct account_id) from health_history where scorecard_id = 'killed'");
    System.out.printf(
        "instance killed mid-recompute: accounts=%d chunks-held-by-the-dead=%d taken-over=%d"
            + " done-after-kill-ms=%d done-after-takeover-ms=%d scores=%d accounts-scored=%d%n",
        queryLong("select total from job where job_id = " + jobId),
        dead.size(),
        repeated,
        doneAfterKillMillis,
        afterLeaseMillis,
        scored,
        scoredAccounts);
    assertTrue(
        !dead.isEmpty() && repeated >= 1, "no chunk was taken over from the killed instance");
    assertTrue(afterLeaseMillis < 10_000, "done " + afterLeaseMillis + " ms after the takeover");
    long total = queryLong("select total from job where job_id = " + jobId);
    assertEquals(total, scoredAccounts, "every account re-scored");
    assertEquals(scoredAccounts, scored, "no account re-scored twice");
  }

  record Reply(int status, String body, boolean replayed) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  static Reply send(int instance, String method, String path, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(instances.get(instance).baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + ADMIN_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("idempotency-key", idempotencyKey);
    }
    HttpResponse<String> response =
        ServiceProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    // The packaged service's replies meet the committed contract too, 503s of the outage included.
    CONTRACT_VIOLATIONS.addAll(
        Contract.committed()
            .violations(
                method,
                URI.create(path).getPath(),
                response.statusCode(),
                response.headers().firstValue("content-type").orElse(null),
                response.body()));
    return new Reply(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("idempotent-replayed").isPresent());
  }

  /** POSTs an NDJSON file to the instance. */
  static Reply upload(int instance, String path, String ndjson)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        ServiceProcess.HTTP.send(
            HttpRequest.newBuilder(URI.create(instances.get(instance).baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + ADMIN_KEY)
                .header("content-type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    CONTRACT_VIOLATIONS.addAll(
        Contract.committed()
            .violations(
                "POST",
                URI.create(path).getPath(),
                response.statusCode(),
                response.headers().firstValue("content-type").orElse(null),
                response.body()));
    return new Reply(response.statusCode(), response.body(), false);
  }

  static ConsistencyCheck.Report consistency() throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "")) {
      return ConsistencyCheck.run(c, Duration.ofMinutes(5));
    }
  }

  static void owner(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long queryLong(String sql) {
    return Long.parseLong(queryString(sql));
  }

  static String queryString(String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void awaitTrue(String what, int seconds, Condition condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(200))
        .until(condition::holds);
  }

  static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
