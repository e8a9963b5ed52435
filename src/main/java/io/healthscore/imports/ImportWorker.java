package io.healthscore.imports;

import io.healthscore.common.DaemonThreads;
import io.healthscore.common.Transactions;
import io.healthscore.job.JobConfig;
import io.healthscore.job.JobStore;
import io.healthscore.job.RecomputeWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Merges stored imports in every instance, one import at a time per instance: first the lines that
 * repeat an earlier line are rejected, then account, signal and outcome lines are applied set-based
 * in chunks of line numbers (accounts first, so a file may create the accounts its signals and
 * outcomes name). Each chunk commits with the import's progress and the accounts it touched, so a
 * crash or an outage resumes after the last committed chunk and applies no line twice. The end
 * starts one job that re-scores the touched accounts.
 */
@ApplicationScoped
public class ImportWorker {

  private static final Logger LOG = Logger.getLogger(ImportWorker.class);
  private static final List<String> PHASES =
      List.of("check", "account", "signal", "outcome", "end");

  private final String worker = "import-" + java.util.UUID.randomUUID();
  private final AtomicBoolean busy = new AtomicBoolean();
  // An import this instance held when a fault stopped its thread: resumed first.
  private final Queue<ImportStore.Leased> interrupted = new ConcurrentLinkedQueue<>();
  private final ExecutorService thread = DaemonThreads.pool(1, "import-worker");
  private final Transactions transactions;
  private final ImportStore store;
  private final JobStore jobs;
  private final RecomputeWorker rescoring;
  private final ImportMetrics metrics;
  private final Duration lease;
  private final int chunkLines;
  private final int jobChunkSize;
  private volatile boolean stopping;

  public ImportWorker(
      Transactions transactions,
      ImportStore store,
      JobStore jobs,
      RecomputeWorker rescoring,
      ImportConfig config,
      JobConfig jobConfig,
      ImportMetrics metrics) {
    this.metrics = metrics;
    this.transactions = transactions;
    this.store = store;
    this.jobs = jobs;
    this.rescoring = rescoring;
    this.lease = config.lease();
    this.chunkLines = config.chunkLines();
    this.jobChunkSize = jobConfig.chunkSize();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    stopping = true;
    thread.shutdown();
    // The current chunk finishes (a second or so) and the import is handed back.
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Scheduled(
      every = "${healthscore.imports.poll-interval}",
      delayed = "${healthscore.imports.poll-interval}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    wake();
  }

  /**
   * Starts merging unless this instance already is. Called by the poll, and at once after an upload
   * committed here, so its merge starts without waiting for the next poll.
   */
  void wake() {
    if (stopping || !busy.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(
          () -> {
            try {
              workUntilIdle();
            } finally {
              busy.set(false);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      busy.set(false);
    }
  }

  private void workUntilIdle() {
    ImportStore.Leased current = null;
    try {
      while (!stopping) {
        current = interrupted.poll();
        if (current == null) {
          current = transactions.withoutTenant(c -> store.lease(c, worker, lease)).orElse(null);
        }
        if (current == null) {
          return;
        }
        merge(current);
        current = null;
        rescoring.wake(); // the import's job, committed by its last step
      }
    } catch (SQLException | RuntimeException e) {
      // E.g. the database went away: the next poll resumes this import where its last chunk
      // committed, or, if this instance died, another takes it over when the lease runs out.
      if (current != null) {
        interrupted.add(current);
      }
      LOG.warnf("import worker paused: %s", e.toString());
    }
  }

  /** What one transaction of the merge decided, and whether another one follows. */
  private record Step(boolean more, long applied, long unchanged, long rejected) {
    static final Step LAST = new Step(false, 0, 0, 0);
  }

  private void merge(ImportStore.Leased held) throws SQLException {
    while (true) {
      Step step = transactions.inTenant(held.tenantId(), c -> step(c, held));
      metrics.counted(step.applied(), step.unchanged(), step.rejected()); // committed
      if (!step.more()) {
        return;
      }
      if (stopping) {
        transactions.inTenant(
            held.tenantId(),
            c -> {
              store.release(c, held.tenantId(), held.importId(), worker);
              return null;
            });
        return;
      }
    }
  }

  /**
   * One transaction of the merge; the last when the import is merged or no longer this worker's.
   */
  private Step step(Connection c, ImportStore.Leased held) throws SQLException {
    String tenant = held.tenantId();
    long id = held.importId();
    Optional<ImportStore.Progress> renewed = store.renew(c, tenant, id, worker, lease);
    if (renewed.isEmpty()) {
      return Step.LAST;
    }
    ImportStore.Progress progress = renewed.get();
    switch (progress.phase()) {
      case "check" -> {
        long repeats = store.rejectRepeats(c, tenant, id);
        long job = jobs.createImport(c, tenant);
        store.advance(c, tenant, id, nextPhase("check", progress), 1, job, 0, 0, repeats);
        return new Step(true, 0, 0, repeats);
      }
      case "end" -> {
        // Once, set-based: per chunk, adding them cost ~40 % of a signals merge.
        jobs.addAccounts(c, tenant, progress.jobId(), ImportStore.APPLIED_ACCOUNTS, tenant, id);
        jobs.startImport(c, tenant, progress.jobId(), jobChunkSize);
        store.merged(c, tenant, id);
        LOG.infof(
            "import %d of tenant %s: lines 1-%d merged; re-scoring in job %d",
            id, tenant, progress.lastLine(), progress.jobId());
        return Step.LAST;
      }
      default -> {
        long from = progress.nextLine();
        long to = from + chunkLines;
        ImportStore.Merged merged =
            switch (progress.phase()) {
              case "account" -> store.mergeAccounts(c, tenant, id, from, to);
              case "signal" -> store.mergeSignals(c, tenant, id, from, to);
              default -> store.mergeOutcomes(c, tenant, id, from, to);
            };
        boolean phaseDone = to > progress.lastLine();
        store.advance(
            c,
            tenant,
            id,
            phaseDone ? nextPhase(progress.phase(), progress) : progress.phase(),
            phaseDone ? 1 : to,
            null,
            merged.applied(),
            merged.unchanged(),
            merged.rejected());
        return new Step(true, merged.applied(), merged.unchanged(), merged.rejected());
      }
    }
  }

  // The next phase with lines to merge (a signals-only file skips accounts and outcomes).
  private static String nextPhase(String phase, ImportStore.Progress progress) {
    for (int i = PHASES.indexOf(phase) + 1; ; i++) {
      String next = PHASES.get(i);
      long lines =
          switch (next) {
            case "account" -> progress.accountLines();
            case "signal" -> progress.signalLines();
            case "outcome" -> progress.outcomeLines();
            default -> 1;
          };
      if (lines > 0) {
        return next;
      }
    }
  }
}
