package io.healthscore.job;

import io.healthscore.common.DaemonThreads;
import io.healthscore.common.ProblemMappers;
import io.healthscore.common.Transactions;
import io.healthscore.health.HealthMetrics;
import io.healthscore.health.HealthService;
import io.healthscore.job.JobStore.Lease;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Works through recompute jobs in every instance: leases a chunk of accounts, re-scores them in
 * batches, and records how far it got in the same transaction as the scores, so that each account
 * is recomputed once per job even when a worker dies (its lease expires and another worker resumes
 * after the last committed batch). A worker that lives through a fault (the database went away)
 * resumes its own chunk as soon as it can, before leasing another. At shutdown the current batch
 * finishes and the chunk is handed back.
 */
@ApplicationScoped
public class RecomputeWorker {

  private static final Logger LOG = Logger.getLogger(RecomputeWorker.class);
  static final int SHUTDOWN_WAIT_SECONDS = 10;

  /** Thrown inside a batch's transaction when the lease was lost: nothing is written. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }

  private final String worker = "worker-" + UUID.randomUUID();
  private final AtomicInteger running = new AtomicInteger();
  // Chunks this instance held when a fault stopped their thread.
  private final Queue<Lease> interrupted = new ConcurrentLinkedQueue<>();
  private final ExecutorService threads;
  private final int parallelism;
  private final JobStore store;
  private final HealthService health;
  private final HealthMetrics metrics;
  private final Transactions transactions;
  private final Duration leaseLength;
  private final int batchSize;
  private volatile boolean stopping;

  public RecomputeWorker(
      JobStore store,
      HealthService health,
      HealthMetrics metrics,
      Transactions transactions,
      JobConfig config) {
    this.parallelism = config.threads();
    this.metrics = metrics;
    this.threads = DaemonThreads.pool(parallelism, "recompute-worker");
    this.store = store;
    this.health = health;
    this.transactions = transactions;
    this.leaseLength = config.lease();
    this.batchSize = config.batchSize();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    stopping = true;
    threads.shutdown();
    // Workers stop after their current batch (milliseconds) and hand their chunk back.
    threads.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Scheduled(
      every = "${healthscore.jobs.poll-interval}",
      delayed = "${healthscore.jobs.poll-interval}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    wake();
  }

  /**
   * Starts worker threads up to the configured number; each works until no chunk is left. Called by
   * the poll, and at once by whoever committed a job in this instance, so its work starts without
   * waiting for the next poll.
   */
  public void wake() {
    while (!stopping && running.get() < parallelism) {
      running.incrementAndGet();
      try {
        threads.execute(
            () -> {
              try {
                workUntilIdle();
              } finally {
                running.decrementAndGet();
              }
            });
      } catch (RejectedExecutionException e) {
        running.decrementAndGet();
        return;
      }
    }
  }

  private void workUntilIdle() {
    Lease current = null;
    try {
      while (!stopping) {
        current = interrupted.poll();
        Optional<Lease> lease =
            current == null
                ? transactions.withoutTenant(c -> store.lease(c, worker, leaseLength))
                : resumed(current);
        if (current != null && lease.isEmpty()) {
          current = null;
          continue;
        }
        if (lease.isEmpty()) {
          return;
        }
        current = lease.get();
        work(current);
        current = null;
      }
    } catch (SQLException | RuntimeException e) {
      // E.g. the database is unavailable: the next poll resumes this chunk, or, if this instance
      // died, another one takes it over when its lease runs out.
      if (current != null) {
        interrupted.add(current);
      }
      LOG.warnf("recompute worker paused: %s", e.toString());
    }
  }

  private Optional<Lease> resumed(Lease lease) throws SQLException {
    return transactions.inTenant(
        lease.tenantId(), c -> store.resume(c, lease, worker, leaseLength));
  }

  private void work(Lease lease) throws SQLException {
    String after = lease.doneThrough();
    while (true) {
      if (stopping) {
        transactions.inTenant(
            lease.tenantId(),
            c -> {
              store.release(c, lease, worker);
              return null;
            });
        return;
      }
      String from = after;
      List<String> batch =
          transactions.inTenant(
              lease.tenantId(), c -> store.nextAccounts(c, lease, from, batchSize));
      if (batch.isEmpty()) {
        transactions.inTenant(
            lease.tenantId(),
            c -> {
              store.finish(c, lease, worker);
              return null;
            });
        return;
      }
      String last = batch.get(batch.size() - 1);
      try {
        health.committed(
            transactions.inTenant(
                lease.tenantId(),
                c -> {
                  if (!store.advance(c, lease, worker, leaseLength, last, batch.size(), 0, null)) {
                    throw new LeaseLost();
                  }
                  // An import's job re-scores with every scorecard (scorecard id null).
                  return health.rescore(
                      c,
                      lease.tenantId(),
                      new TreeSet<>(batch),
                      lease.scorecardId(),
                      lease.scorecardId() == null ? "import" : "recompute",
                      Instant.now());
                }));
        metrics.recomputed(batch.size(), "processed");
      } catch (LeaseLost e) {
        return;
      } catch (SQLException e) {
        if (ProblemMappers.isTransient(e)) {
          throw e;
        }
        skip(lease, last, batch.size(), e);
      } catch (RuntimeException e) {
        skip(lease, last, batch.size(), e);
      }
      after = last;
    }
  }

  // A batch that cannot be scored is counted as failed, with the reason, and the job goes on.
  private void skip(Lease lease, String last, int size, Exception e) throws SQLException {
    LOG.errorf(e, "recompute of job %d failed for %d accounts up to %s", lease.jobId(), size, last);
    String error = "accounts up to " + last + ": " + e.getClass().getSimpleName();
    transactions.inTenant(
        lease.tenantId(), c -> store.advance(c, lease, worker, leaseLength, last, 0, size, error));
    metrics.recomputed(size, "failed");
  }
}
