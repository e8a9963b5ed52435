package io.healthscore.consistency;

import io.healthscore.common.Transactions;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/consistency")
@Tag(name = "Operations", description = "Checks an operator runs on the stored data")
@Produces(MediaType.APPLICATION_JSON)
public class ConsistencyResource {

  private final Transactions transactions;
  private final Duration stallAfter;

  public ConsistencyResource(Transactions transactions, ConsistencyConfig config) {
    this.transactions = transactions;
    this.stallAfter = config.stallAfter();
  }

  @RequiresScope(Scope.ADMIN)
  @GET
  @Operation(
      operationId = "checkConsistency",
      summary = "Check the tenant's stored data for consistency",
      description =
          "Verifies the invariants the write path promises, for this tenant: every latest score"
              + " equals the newest history row, the newest signal of each key kept for scoring is"
              + " the newest stored, every signal and history row belongs to a stored account,"
              + " history sequence numbers have no gaps, and the webhook outbox and recompute jobs"
              + " are being worked off (nothing stalled for longer than"
              + " healthscore.consistency.stall-after). A finding is reported with a few examples;"
              + " the check itself only reads. The same check runs across all tenants from the"
              + " command line: java -jar quarkus-run.jar check-consistency.")
  @APIResponse(
      responseCode = "200",
      description = "The report; consistent is false when an " + "invariant has violations",
      content = @Content(schema = @Schema(implementation = ConsistencyCheck.Report.class)))
  public ConsistencyCheck.Report check() throws SQLException {
    return transactions.inTenant(Tenants.current(), c -> ConsistencyCheck.run(c, stallAfter));
  }
}
