package io.healthscore.security;

import io.healthscore.common.Idempotency;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Administration", description = "Tenants and API keys (scope admin)")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

  private final ApiKeys keys;
  private final Limits limits;

  public ApiKeyResource(ApiKeys keys, Limits limits) {
    this.keys = keys;
    this.limits = limits;
  }

  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/api-keys")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "createApiKey",
      summary = "Create an API key for the caller's tenant",
      description =
          "The reply holds the key itself: it is shown this once and stored only as a " + "hash.")
  @APIResponse(
      responseCode = "201",
      description = "The key, with its secret",
      content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
  @APIResponse(responseCode = "400", description = "Invalid name or scopes")
  public Response create(
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "key",
                              value =
                                  "{\"name\": \"Salesforce sync\", \"scopes\": [\"signals:write\", "
                                      + "\"health:read\"]}")))
          @NotNull(message = "must be a JSON object")
          @Valid
          NewApiKey body)
      throws SQLException {
    ApiKeyView created = keys.create(Tenants.current(), body);
    return Response.created(URI.create("/v1/api-keys/" + created.id())).entity(created).build();
  }

  @GET
  @Path("/api-keys")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "listApiKeys",
      description =
          "Every key of the caller's tenant with its name, prefix, scopes, rate limit and"
              + " revocation; a key's secret is shown only once, when it is created.",
      summary = "List the tenant's API keys (never their secrets)")
  @APIResponse(responseCode = "200", description = "Keys, oldest first")
  public Page<ApiKeyView> list(@BeanParam PageRequest page) throws SQLException {
    return page.of(keys.list(Tenants.current()), ApiKeyView::id, limits);
  }

  @GET
  @Path("/api-keys/{keyId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "getApiKey",
      description =
          "One key of the caller's tenant as the list shows it; its secret is never shown again.",
      summary = "Read an API key (never its secret)")
  @APIResponse(
      responseCode = "200",
      description = "The key",
      content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
  @APIResponse(responseCode = "404", description = "No such key")
  public ApiKeyView get(@PathParam("keyId") String keyId) throws SQLException {
    return keys.list(Tenants.current()).stream()
        .filter(k -> k.id().equals(keyId))
        .findFirst()
        .orElseThrow(() -> io.healthscore.common.ApiProblem.notFound("No API key " + keyId));
  }

  @DELETE
  @Path("/api-keys/{keyId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key",
      description = "Refused (409) for the tenant's last admin key.")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "404", description = "No such active key")
  @APIResponse(responseCode = "409", description = "The tenant's last admin key")
  public void revoke(@PathParam("keyId") String keyId) throws SQLException {
    keys.revoke(Tenants.current(), keyId);
  }
}
