package io.healthscore.job;

import io.healthscore.health.Scorecards;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Starts the recompute job of a saved scorecard version, in the transaction that saves it (a job
 * still running for an older version is superseded).
 */
@ApplicationScoped
public class Recomputes implements Scorecards.AfterSave {

  private final JobStore jobs;
  private final RecomputeWorker worker;
  private final int chunkSize;

  public Recomputes(JobStore jobs, RecomputeWorker worker, JobConfig config) {
    this.jobs = jobs;
    this.worker = worker;
    this.chunkSize = config.chunkSize();
  }

  @Override
  public long started(Connection c, String tenantId, Scorecard saved) throws SQLException {
    return jobs.createRecompute(c, tenantId, saved.id(), saved.version(), chunkSize);
  }

  /** After the save committed: this instance's workers start on the job now, not at the poll. */
  @Override
  public void committed() {
    worker.wake();
  }
}
