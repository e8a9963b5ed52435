package io.healthscore.signal;

import io.healthscore.common.Examples;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.common.Problem;
import io.healthscore.health.ScoreDetail;
import io.healthscore.health.SignalKeyDefinition;
import io.healthscore.health.SignalKeys;
import io.healthscore.scoring.SignalDefinition;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
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
@Tag(
    name = "Signals",
    description = "Observations about accounts: append-only, de-duplicated by " + "eventId")
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

  private final SignalService service;
  private final SignalKeys keys;
  private final Limits limits;

  public SignalResource(SignalService service, SignalKeys keys, Limits limits) {
    this.service = service;
    this.keys = keys;
    this.limits = limits;
  }

  @RequiresScope(Scope.SIGNALS_WRITE)
  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/accounts/{accountId}/signals")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "appendSignals",
      summary = "Append signals to an account and get its new score",
      description =
          "Unknown accounts are created. A repeated eventId for the same account is "
              + "ignored (counted in duplicates). Nothing is written when any signal is invalid.")
  @APIResponse(
      responseCode = "200",
      description = "Stored; the account's new score",
      content = @Content(schema = @Schema(implementation = SignalsAccepted.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid signal; nothing written",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = Examples.VALIDATION_PROBLEM)))
  public SignalsAccepted append(
      @HeaderParam(Idempotency.HEADER) @Parameter(hidden = true) String idempotencyKey,
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "signals", value = Examples.SIGNALS)))
          @NotNull(message = "must be a JSON object")
          @Valid
          SignalsRequest body,
      @BeanParam ScoreDetail.Param view)
      throws SQLException {
    return service.append(
        Tenants.current(), accountId, body.signals(), idempotencyKey, view.detail());
  }

  @RequiresScope(Scope.SIGNALS_WRITE)
  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/signals/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "appendSignalBatch",
      summary = "Append up to 1,000 signals across many accounts",
      description =
          "Valid items are applied and their accounts re-scored; invalid items are "
              + "reported by index and not applied. Unknown accounts are created.")
  @APIResponse(
      responseCode = "200",
      description = "Applied; invalid items listed",
      content = @Content(schema = @Schema(implementation = BatchResult.class)))
  @APIResponse(responseCode = "400", description = "Not a batch (e.g. empty or over 1,000)")
  public BatchResult batch(
      @HeaderParam(Idempotency.HEADER) @Parameter(hidden = true) String idempotencyKey,
      @RequestBody(
              content = @Content(examples = @ExampleObject(name = "batch", value = Examples.BATCH)))
          @NotNull(message = "must be a JSON object")
          @Valid
          SignalBatch body)
      throws SQLException {
    return service.appendBatch(Tenants.current(), body.signals(), idempotencyKey);
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/signal-keys")
  @Operation(
      operationId = "listSignalKeys",
      summary = "List the signal keys",
      description =
          "Every key the tenant can send, standard ones first, then its own: type, "
              + "accepted range or labels, unit, ingredient and DEAR stage.")
  @APIResponse(responseCode = "200", description = "The signal keys")
  public Page<SignalKeyView> keys(@BeanParam PageRequest page) {
    return page.of(
        keys.all(Tenants.current()).stream()
            .map(d -> SignalKeyView.of(d, keys.isCustom(d.key())))
            .toList(),
        SignalKeyView::key,
        limits);
  }

  @RequiresScope(Scope.ADMIN)
  @PUT
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/signal-keys/{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "defineSignalKey",
      summary = "Define a custom signal key",
      description =
          "Creates or redefines one of the tenant's own keys. Signals with it are "
              + "validated against the definition, and scorecard measures can use it. Its type "
              + "cannot change once defined; standard keys cannot be redefined.")
  @APIResponse(
      responseCode = "200",
      description = "The key as defined",
      content = @Content(schema = @Schema(implementation = SignalKeyView.class)))
  @APIResponse(responseCode = "400", description = "Invalid definition; every field named")
  @APIResponse(responseCode = "409", description = "The key exists with another type")
  public SignalKeyView defineKey(
      @PathParam("key") String key,
      @RequestBody(
              content =
                  @Content(
                      examples = @ExampleObject(name = "onboarding", value = Examples.SIGNAL_KEY)))
          SignalKeyDefinition body)
      throws SQLException {
    return SignalKeyView.of(keys.define(Tenants.current(), key, body), true);
  }

  @Schema(name = "SignalKey")
  public record SignalKeyView(
      @Schema(example = "nps_response") String key,
      @Schema(
              enumeration = {"number", "label", "boolean"},
              example = "number")
          String type,
      @Schema(example = "0") Double min,
      @Schema(example = "10") Double max,
      @Schema(description = "Only whole numbers accepted.") boolean integer,
      @Schema(description = "Accepted labels, worst first.") List<String> labels,
      @Schema(example = "score") String unit,
      @Schema(
              enumeration = {
                "csm_sentiment",
                "customer_sentiment",
                "engagement",
                "advocacy",
                "adoption",
                "outcomes",
                "support"
              },
              example = "customer_sentiment")
          String ingredient,
      @Schema(enumeration = {"deployment", "engagement", "adoption", "roi"}) String dear,
      String description,
      @Schema(description = "Defined by the tenant (not a standard key).") boolean custom) {

    static SignalKeyView of(SignalDefinition d, boolean custom) {
      return new SignalKeyView(
          d.key(),
          d.type().name().toLowerCase(java.util.Locale.ROOT),
          d.min(),
          d.max(),
          d.integer(),
          d.labels().isEmpty() ? null : d.labels(),
          d.unit(),
          d.ingredient(),
          d.dear(),
          d.description(),
          custom);
    }
  }
}
