package io.healthscore.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.common.Transactions;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(
    name = "Jobs",
    description =
        "Background work, e.g. recomputing every account after a " + "scorecard version is saved")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

  @Inject Limits limits;

  private final JobStore store;
  private final Transactions transactions;
  private final ObjectMapper json;

  public JobResource(JobStore store, Transactions transactions, ObjectMapper json) {
    this.store = store;
    this.transactions = transactions;
    this.json = json;
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/jobs/{jobId}")
  @Operation(
      operationId = "getJob",
      summary = "Read a job's progress",
      description =
          "Accounts processed and failed so far, the first errors, and the status: waiting"
              + " (an import's job while the import merges its lines), running, done, or"
              + " superseded (a newer version of the scorecard was saved).")
  @APIResponse(
      responseCode = "200",
      description = "The job",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @APIResponse(responseCode = "404", description = "No such job")
  public JobView get(
      @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @PathParam("jobId") String jobId)
      throws SQLException {
    long id = Ids.numeric(jobId, "No job " + jobId);
    String tenant = Tenants.current();
    return view(
        transactions
            .inTenant(tenant, c -> store.find(c, tenant, id))
            .orElseThrow(() -> ApiProblem.notFound("No job " + jobId)));
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/jobs")
  @Operation(
      operationId = "listJobs",
      description =
          "Jobs of the caller's tenant, newest first, with their progress and status: recomputes"
              + " (one starts whenever a scorecard version is saved) and the re-scoring that"
              + " ends each file import.",
      summary = "List recent jobs, newest first")
  @APIResponse(responseCode = "200", description = "The jobs, newest first")
  @APIResponse(responseCode = "400", description = "Invalid parameter")
  public Page<JobView> list(
      @Parameter(description = "Only jobs of this scorecard.") @QueryParam("scorecard")
          String scorecard,
      @BeanParam PageRequest page)
      throws SQLException {
    String tenant = Tenants.current();
    return page.newestFirst(
        (before, rows) ->
            transactions
                .inTenant(tenant, c -> store.recent(c, tenant, scorecard, before, rows))
                .stream()
                .map(this::view)
                .toList(),
        JobView::id,
        limits);
  }

  private JobView view(JobStore.Job job) {
    try {
      return new JobView(
          job.id(),
          job.kind(),
          job.scorecardId(),
          job.scorecardVersion(),
          job.status(),
          job.total(),
          job.processed(),
          job.failed(),
          json.readValue(job.errors(), new TypeReference<List<String>>() {}),
          job.createdAt(),
          job.finishedAt());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Schema(name = "Job")
  public record JobView(
      @Schema(example = "42") long id,
      @Schema(
              enumeration = {"recompute", "import"},
              description =
                  "recompute: every active account with one scorecard version; import: the"
                      + " accounts an import touched, with every scorecard.")
          String kind,
      @Schema(example = "default", description = "The recomputed scorecard (none for import).")
          String scorecardId,
      @Schema(example = "3", description = "Its version (0 for import).") int scorecardVersion,
      @Schema(
              enumeration = {"waiting", "running", "done", "superseded"},
              example = "running")
          String status,
      @Schema(description = "Accounts to process (when the job started).", example = "1000")
          int total,
      @Schema(description = "Accounts re-scored so far.", example = "640") int processed,
      @Schema(description = "Accounts that could not be re-scored.", example = "0") int failed,
      @Schema(description = "The first (up to 20) failures.") List<String> errors,
      Instant createdAt,
      Instant finishedAt) {}
}
