package io.healthscore.tenant;

import io.healthscore.common.Idempotency;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.security.Caller;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  private final TenantSetup tenants;
  private final Limits limits;

  public TenantResource(TenantSetup tenants, Limits limits) {
    this.tenants = tenants;
    this.limits = limits;
  }

  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/tenants")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "createTenant",
      summary = "Create a tenant (operator only)",
      description =
          "Only an admin key of the operator's tenant ('default') may create tenants. "
              + "The tenant starts with the default scorecard and one admin key, shown once in "
              + "this reply.")
  @APIResponse(
      responseCode = "201",
      description = "The tenant and its first admin key",
      content = @Content(schema = @Schema(implementation = TenantView.class)))
  @APIResponse(responseCode = "400", description = "Invalid id or name")
  @APIResponse(responseCode = "409", description = "The tenant exists")
  public Response createTenant(
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "tenant",
                              value = "{\"id\": \"acme-corp\", \"name\": \"Acme Corp\"}")))
          @NotNull(message = "must be a JSON object")
          @Valid
          NewTenant body)
      throws SQLException {
    requireOperator();
    TenantView created = tenants.create(body);
    return Response.created(URI.create("/v1/tenants/" + created.id())).entity(created).build();
  }

  @GET
  @Path("/tenants")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "listTenants",
      description =
          "Every tenant of the deployment with its name and creation time; only an admin key of the"
              + " operator's tenant may list them.",
      summary = "List tenants (operator only)")
  @APIResponse(responseCode = "200", description = "Every tenant, by id")
  public Page<TenantView> tenants(@BeanParam PageRequest page) throws SQLException {
    requireOperator();
    return page.of(tenants.list(), TenantView::id, limits);
  }

  @GET
  @Path("/tenants/{tenantId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "getTenant",
      description =
          "One tenant's id, name and creation time (its first admin key was shown once, when it was"
              + " created); operator only.",
      summary = "Read a tenant (operator only)")
  @APIResponse(
      responseCode = "200",
      description = "The tenant",
      content = @Content(schema = @Schema(implementation = TenantView.class)))
  @APIResponse(responseCode = "404", description = "No such tenant")
  public TenantView tenant(@PathParam("tenantId") String tenantId) throws SQLException {
    requireOperator();
    return tenants.list().stream()
        .filter(t -> t.id().equals(tenantId))
        .findFirst()
        .orElseThrow(() -> io.healthscore.common.ApiProblem.notFound("No tenant " + tenantId));
  }

  private static void requireOperator() {
    if (!Caller.current().isOperator()) {
      throw io.healthscore.common.ApiProblem.forbidden(
          "Only an admin key of the operator's tenant may manage tenants.");
    }
  }
}
