package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.consistency.ConsistencyCheck;
import io.healthscore.support.ScratchDirectories;
import io.healthscore.support.ServiceProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is stopped (SIGTERM) under ingest load while a recompute job runs: every
 * acknowledged write is stored, nothing fails before the stop, and the job's chunks are handed back
 * rather than left leased, and every write the service stored was answered: requests in flight when
 * the stop came finished, later ones were refused before any work. Runs after packaging (failsafe).
 */
class GracefulShutdownIT {

  static final int WRITERS = 8;

  /** Requests whose connection was cut after the stop, by eventId, with what the client saw. */
  static final Map<String, String> CUT = new ConcurrentHashMap<>();

  static final String ADMIN_KEY = "hs_graceful_shutdown_admin_key_000000000000";

  @Test
  void a_stop_under_load_loses_no_acknowledged_write_and_hands_back_job_leases() throws Exception {
    Path dataDirectory = Files.createTempDirectory("healthscore-shutdown-pg");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDirectory, 0, false)) {
      ServiceProcess instance = ServiceProcess.start("graceful-shutdown", db, ADMIN_KEY, Map.of());
      Process service = instance.process();
      try {
        HttpClient http = ServiceProcess.HTTP;
        String base = instance.baseUrl();
        instance.awaitReady();
        seedAccounts(db, 30_000);

        // A recompute job over all accounts, so that workers hold leases when the stop comes.
        HttpResponse<String> created =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/scorecards"))
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer " + ADMIN_KEY)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            """
                            {"id": "shutdown", "groups": [{"id": "g", "weight": 1, "measures": [
                              {"id": "users", "signal": "active_users_ratio", "aggregation": "latest",
                               "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}
                            """))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());

        // The writers use a blocking client: the JDK's HttpClient can report EOF for a response
        // that arrived complete just before the server closed the connection (found by the
        // Quarkus graceful-shutdown rework, quarkusio/quarkus#50975), which would count a
        // delivered answer as lost.
        CloseableHttpClient writersClient =
            HttpClients.custom()
                .setMaxConnPerRoute(WRITERS)
                .setMaxConnTotal(WRITERS)
                .disableAutomaticRetries()
                .setDefaultRequestConfig(
                    RequestConfig.custom()
                        .setConnectTimeout(2_000)
                        .setSocketTimeout(30_000)
                        .build())
                .build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unexpectedStatus = new AtomicInteger();
        AtomicInteger failedBeforeStop = new AtomicInteger();
        AtomicInteger refusedAfterStop = new AtomicInteger();
        AtomicInteger brokenAfterStop = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stopSent = new AtomicBoolean();
        AtomicLong counter = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          Thread writer =
              new Thread(
                  () -> {
                    while (service.isAlive()) {
                      long i = counter.incrementAndGet();
                      String eventId = "stop-" + i;
                      boolean afterStop = stopSent.get();
                      sent.incrementAndGet();
                      HttpPost post =
                          new HttpPost(base + "/v1/accounts/acct-" + (i % 1000) + "/signals");
                      post.setHeader("authorization", "Bearer " + ADMIN_KEY);
                      post.setEntity(
                          new StringEntity(
                              "{\"signals\": [{\"key\": \"active_users_ratio\","
                                  + " \"value\": 0.5, \"eventId\": \""
                                  + eventId
                                  + "\"}]}",
                              ContentType.APPLICATION_JSON));
                      try (CloseableHttpResponse r = writersClient.execute(post)) {
                        int status = r.getStatusLine().getStatusCode();
                        EntityUtils.consume(r.getEntity());
                        if (status == 200) {
                          acknowledged.add(eventId);
                        } else if (status != 503) {
                          unexpectedStatus.incrementAndGet();
                        }
                      } catch (ConnectException e) {
                        (stopSent.get() ? refusedAfterStop : failedBeforeStop).incrementAndGet();
                      } catch (IOException e) {
                        // An established request cut off: after the stop it may be one sent on a
                        // connection the server was closing (not accepted) or a lost response.
                        if (afterStop || stopSent.get()) {
                          brokenAfterStop.incrementAndGet();
                          CUT.put(eventId, e.getClass().getSimpleName());
                        } else {
                          failedBeforeStop.incrementAndGet();
                        }
                      }
                    }
                  });
          writer.start();
          writers.add(writer);
        }
        Thread.sleep(2_000);
        stopSent.set(true);
        service.destroy(); // SIGTERM, as Kubernetes sends it
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service did not stop in 60 s");
        for (Thread writer : writers) {
          writer.join(35_000);
        }

        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
            Statement s = c.createStatement()) {
          try (ResultSet rs =
              s.executeQuery("select event_id from signal where event_id like 'stop-%'")) {
            while (rs.next()) {
              stored.add(rs.getString(1));
            }
          }
          Set<String> missing = new HashSet<>(acknowledged);
          missing.removeAll(stored);
          long leased = count(s, "select count(*) from job_chunk where status = 'leased'");
          long open = count(s, "select count(*) from job_chunk where status <> 'done'");
          Set<String> unanswered = new HashSet<>(stored);
          unanswered.removeAll(acknowledged);
          System.out.printf(
              "graceful shutdown: sent=%d acknowledged=%d stored=%d "
                  + "acknowledged-but-missing=%d stored-but-unanswered=%d "
                  + "failed-before-stop=%d unexpected-status=%d "
                  + "refused-after-stop=%d cut-after-stop=%d chunks-open=%d "
                  + "chunks-still-leased=%d%n",
              sent.get(),
              acknowledged.size(),
              stored.size(),
              missing.size(),
              unanswered.size(),
              failedBeforeStop.get(),
              unexpectedStatus.get(),
              refusedAfterStop.get(),
              brokenAfterStop.get(),
              open,
              leased);
          assertTrue(acknowledged.size() > 50, "too little load to prove anything");
          // Requests in flight finish: every stored write was answered 200. A request cut off
          // by the stop was refused (503) or never read, so nothing was done for it.
          unanswered.forEach(
              u -> System.out.println("  stored but unanswered: " + u + " (" + CUT.get(u) + ")"));
          assertEquals(Set.of(), unanswered, "stored, yet its answer never reached the client");
          assertEquals(Set.of(), missing);
          assertEquals(0, failedBeforeStop.get());
          assertEquals(0, unexpectedStatus.get());
          assertTrue(open > 0, "the job ended before the stop: nothing to hand back");
          assertEquals(0, leased, "a stopped worker left its chunk leased");
          ConsistencyCheck.Report report = ConsistencyCheck.run(c, Duration.ofMinutes(5));
          assertTrue(report.consistent(), report.toString());
        }
      } finally {
        service.destroyForcibly();
      }
    } finally {
      ScratchDirectories.delete(dataDirectory);
    }
  }

  static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void seedAccounts(EmbeddedDatabase db, int accounts) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, "");
        Statement s = c.createStatement()) {
      s.execute(
          "insert into account (tenant_id, account_id) select 'default', 'acct-' || g "
              + "from generate_series(0, "
              + (accounts - 1)
              + ") g on conflict do nothing");
      s.execute(
          "insert into signal (tenant_id, account_id, key, number_value, observed_at) "
              + "select 'default', 'acct-' || g, 'active_users_ratio', random(), now() "
              + "from generate_series(0, "
              + (accounts - 1)
              + ") g");
    }
  }
}
