package io.healthscore.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.common.BatchItems;
import io.healthscore.common.Examples;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Ids;
import io.healthscore.common.Problem;
import io.healthscore.health.ScoreDetail;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Accounts", description = "Customer accounts, keyed by the caller's own (CRM) id")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  private final AccountService service;

  public AccountResource(AccountService service) {
    this.service = service;
  }

  @RequiresScope(Scope.SIGNALS_WRITE)
  @PUT
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/accounts/{accountId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "upsertAccount",
      summary = "Create or replace an account, optionally with new signals",
      description =
          "Replaces name, attributes, ARR and renewal date; appends the given signals; "
              + "re-scores the account and returns it with its new score. Nothing is written when "
              + "any field is invalid.")
  @APIResponse(
      responseCode = "200",
      description = "The account and its new score",
      content = @Content(schema = @Schema(implementation = AccountWithHealth.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid account or signal; nothing written",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = Examples.VALIDATION_PROBLEM)))
  public AccountWithHealth upsert(
      @HeaderParam(Idempotency.HEADER) @Parameter(hidden = true) String idempotencyKey,
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @RequestBody(
              content =
                  @Content(
                      examples = @ExampleObject(name = "account", value = Examples.ACCOUNT_UPSERT)))
          @NotNull(message = "must be a JSON object")
          @Valid
          AccountUpsert body,
      @BeanParam ScoreDetail.Param view)
      throws SQLException {
    return service.upsert(Tenants.current(), accountId, body, idempotencyKey, view.detail());
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/accounts/{accountId}")
  @Operation(
      operationId = "getAccount",
      description =
          "The account as stored: name, segment attributes, ARR with currency, renewal date, and"
              + " when it was created and last changed. Its score is at"
              + " /v1/accounts/{accountId}/health.",
      summary = "Read an account")
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content = @Content(schema = @Schema(implementation = AccountView.class)))
  @APIResponse(responseCode = "400", description = "Invalid account id")
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "unknown", value = Examples.NOT_FOUND_PROBLEM)))
  public AccountView get(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId)
      throws SQLException {
    return service.find(Tenants.current(), accountId);
  }

  @Schema(name = "AccountBatch", description = "Up to 1,000 accounts, created or replaced.")
  public record AccountBatch(
      // Items are read one by one, so that one unreadable item is reported by its index.
      @Schema(
              required = true,
              maxItems = MAX_BATCH,
              type = SchemaType.ARRAY,
              implementation = BatchAccountInput.class)
          @NotNull
          @Size(min = 1, max = MAX_BATCH, message = "must contain 1 to 1000 accounts")
          List<JsonNode> accounts) {}

  static final int MAX_BATCH = 1000;

  @Schema(
      name = "AccountBatchResult",
      description = "Valid items are applied; invalid ones are reported by index and not applied.")
  public record AccountBatchResult(
      @Schema(description = "Accounts created or replaced.", example = "998") int upserted,
      @Schema(description = "Accounts re-scored.", example = "998") int accountsScored,
      @Schema(description = "Invalid items, by index in the request.")
          List<BatchItems.Rejected> rejected) {}

  @RequiresScope(Scope.SIGNALS_WRITE)
  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/accounts/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "upsertAccountBatch",
      summary = "Create or replace up to 1,000 accounts",
      description =
          "Each item is an account's id and full state, checked as PUT /v1/accounts/{accountId}"
              + " checks it. Valid items are applied in one transaction and their accounts"
              + " re-scored once, together; invalid ones are reported by index and not applied."
              + " Signals go to POST /v1/signals/batch.")
  @APIResponse(
      responseCode = "200",
      description = "Applied; invalid items listed",
      content = @Content(schema = @Schema(implementation = AccountBatchResult.class)))
  @APIResponse(responseCode = "400", description = "Not a batch (e.g. empty or over 1,000)")
  public AccountBatchResult upsertBatch(
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "accounts",
                              value =
                                  """
                                  {"accounts": [
                                    {"accountId": "acme-001", "name": "Acme Corp", "attributes": {"plan": "enterprise"},
                                     "arr": {"amount": 120000, "currency": "USD"}, "renewalDate": "2027-03-31"},
                                    {"accountId": "globex-002", "name": "Globex", "attributes": {"plan": "pro"},
                                     "arr": {"amount": 50000, "currency": "USD"}, "renewalDate": "2027-01-15"}
                                  ]}\
                                  """)))
          @NotNull(message = "must be a JSON object")
          @Valid
          AccountBatch body)
      throws SQLException {
    AccountService.BatchUpserted done = service.upsertAll(Tenants.current(), body.accounts());
    return new AccountBatchResult(done.upserted(), done.accountsScored(), done.rejected());
  }
}
