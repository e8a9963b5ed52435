package io.healthscore.webhook;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
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

@Path("/v1/webhooks")
@Tag(
    name = "Webhooks",
    description = "Signed notifications of health changes, with a delivery " + "log (scope admin)")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  static final String EXAMPLE =
      """
      {"url": "https://hooks.example.com/healthscore",
       "eventTypes": ["health.band_changed", "health.score_dropped"],
       "scoreDropThreshold": 10, "segments": ["enterprise"],
       "description": "Slack #cs-alerts via Zapier"}\
      """;

  private final Webhooks webhooks;
  private final WebhookDispatcher dispatcher;
  private final Limits limits;

  public WebhookResource(Webhooks webhooks, WebhookDispatcher dispatcher, Limits limits) {
    this.webhooks = webhooks;
    this.dispatcher = dispatcher;
    this.limits = limits;
  }

  @POST
  @RequiresScope(Scope.ADMIN)
  @Extension(name = Idempotency.MARKER, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWebhook",
      summary = "Subscribe a URL to health events",
      description =
          "Events are POSTed as JSON signed per the Standard Webhooks spec "
              + "(webhook-id, webhook-timestamp, webhook-signature). The reply holds the signing "
              + "secret; it is shown again only when rotated.")
  @APIResponse(
      responseCode = "201",
      description = "The subscription, with its secret",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid subscription, e.g. a URL that is "
              + "not https or resolves to a private address")
  public Response create(
      @RequestBody(content = @Content(examples = @ExampleObject(name = "webhook", value = EXAMPLE)))
          @NotNull(message = "must be a JSON object")
          @Valid
          WebhookInput body)
      throws SQLException {
    WebhookView created = webhooks.create(Tenants.current(), body);
    return Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build();
  }

  @GET
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "listWebhooks",
      description =
          "The subscriptions of the caller's tenant with their URL, event types and filters; a"
              + " signing secret is shown only on creation and rotation.",
      summary = "List the tenant's webhooks")
  @APIResponse(responseCode = "200", description = "Webhooks, oldest first")
  public Page<WebhookView> list(@BeanParam PageRequest page) throws SQLException {
    return page.of(webhooks.list(Tenants.current()), WebhookView::id, limits);
  }

  @GET
  @Path("/{webhookId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "getWebhook",
      description = "One subscription as the list shows it, without its secret.",
      summary = "Read a webhook")
  @APIResponse(
      responseCode = "200",
      description = "The webhook",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(responseCode = "404", description = "No such webhook")
  public WebhookView get(@PathParam("webhookId") String webhookId) throws SQLException {
    return webhooks.find(Tenants.current(), webhookId);
  }

  @PUT
  @Path("/{webhookId}")
  @RequiresScope(Scope.ADMIN)
  @Extension(name = Idempotency.MARKER, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateWebhook",
      description =
          "Replaces the subscription's URL, event types and filters; the signing secret stays"
              + " (rotate it with POST /v1/webhooks/{webhookId}/rotate-secret). The URL is checked"
              + " as on creation.",
      summary = "Change a webhook's URL, events or filters (the secret stays)")
  @APIResponse(
      responseCode = "200",
      description = "The webhook",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(responseCode = "400", description = "Invalid subscription")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public WebhookView update(
      @PathParam("webhookId") String webhookId,
      @RequestBody(content = @Content(examples = @ExampleObject(name = "webhook", value = EXAMPLE)))
          @NotNull(message = "must be a JSON object")
          @Valid
          WebhookInput body)
      throws SQLException {
    return webhooks.update(Tenants.current(), webhookId, body);
  }

  @DELETE
  @Path("/{webhookId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete a webhook",
      description = "Pending deliveries are marked failed; the delivery log stays readable.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public void delete(@PathParam("webhookId") String webhookId) throws SQLException {
    webhooks.delete(Tenants.current(), webhookId);
  }

  @POST
  @Path("/{webhookId}/rotate-secret")
  @RequiresScope(Scope.ADMIN)
  @Extension(name = Idempotency.MARKER, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Rotate the signing secret",
      description =
          "Deliveries are signed with the new secret and, during the grace period, "
              + "also with the previous one (two signatures in webhook-signature).")
  @APIResponse(
      responseCode = "200",
      description = "The webhook with its new secret",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(responseCode = "400", description = "Invalid grace period")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public WebhookView rotate(
      @PathParam("webhookId") String webhookId,
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "rotation",
                              value = "{\"gracePeriod\": \"PT24H\"}")))
          SecretRotation body)
      throws SQLException {
    return webhooks.rotate(Tenants.current(), webhookId, body == null ? null : body.gracePeriod());
  }

  @POST
  @Path("/{webhookId}/test")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "testWebhook",
      summary = "Send a test event",
      description =
          "Queues a webhook.test event and sends it at once; its delivery shows in the log like"
              + " any other.")
  @APIResponse(
      responseCode = "202",
      description = "The queued delivery",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  @APIResponse(responseCode = "404", description = "No such webhook")
  public Response test(@PathParam("webhookId") String webhookId) throws SQLException {
    DeliveryView queued = webhooks.sendTest(Tenants.current(), webhookId);
    dispatcher.wake(); // committed: sent now, not at the next poll
    return Response.accepted(queued).build();
  }

  @GET
  @Path("/{webhookId}/deliveries")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "The delivery log, newest first",
      description = "Status, attempts, last HTTP status and error, next attempt; keyset-paged.")
  @APIResponse(
      responseCode = "200",
      description = "One page of deliveries",
      content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
  @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor")
  @APIResponse(responseCode = "404", description = "No such webhook")
  public DeliveryPage deliveries(
      @PathParam("webhookId") String webhookId,
      @Parameter(
              description = "Only deliveries with this status.",
              schema = @Schema(enumeration = {"pending", "delivered", "failed"}))
          @QueryParam("status")
          String status,
      @Parameter(
              description = "Page size, 1-200 (default 50).",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "200",
                      defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page.") @QueryParam("cursor")
          String cursor)
      throws SQLException {
    return webhooks.deliveries(
        Tenants.current(), webhookId, status, limits.pageSize(limit, 50, 200), cursor);
  }

  @GET
  @Path("/{webhookId}/deliveries/{deliveryId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "getWebhookDelivery",
      description =
          "One event sent to the webhook: its status (pending, delivered, failed) and every attempt"
              + " with its time, HTTP status or error, and latency.",
      summary = "One delivery with every attempt (status, latency, error)")
  @APIResponse(
      responseCode = "200",
      description = "The delivery",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  @APIResponse(responseCode = "404", description = "No such delivery")
  public DeliveryView delivery(
      @PathParam("webhookId") String webhookId, @PathParam("deliveryId") String deliveryId)
      throws SQLException {
    return webhooks.delivery(Tenants.current(), webhookId, id(webhookId, deliveryId));
  }

  @POST
  @Path("/{webhookId}/deliveries/{deliveryId}/redeliver")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "redeliverWebhookDelivery",
      summary = "Send a delivery again now",
      description =
          "With the same webhook-id, so a receiver that de-duplicates by it stays " + "exact.")
  @APIResponse(
      responseCode = "202",
      description = "The delivery, pending again",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  @APIResponse(responseCode = "404", description = "No such delivery")
  public Response redeliver(
      @PathParam("webhookId") String webhookId, @PathParam("deliveryId") String deliveryId)
      throws SQLException {
    DeliveryView pending =
        webhooks.redeliver(Tenants.current(), webhookId, id(webhookId, deliveryId));
    dispatcher.wake(); // committed: sent now, not at the next poll
    return Response.accepted(pending).build();
  }

  private static long id(String webhookId, String deliveryId) {
    try {
      return Long.parseLong(deliveryId);
    } catch (NumberFormatException e) {
      throw ApiProblem.notFound("No delivery " + deliveryId + " for webhook " + webhookId);
    }
  }
}
