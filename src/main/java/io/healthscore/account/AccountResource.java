package io.healthscore.account;

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
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
}
