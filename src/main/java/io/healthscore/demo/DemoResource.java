package io.healthscore.demo;

import io.healthscore.common.QueryParams;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/demo-data")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

  private final DemoLoader loader;

  public DemoResource(DemoLoader loader) {
    this.loader = loader;
  }

  @POST
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "loadDemoData",
      summary = "Load a demo portfolio into this (empty) tenant",
      description =
          "Accounts with a year of signals and a renewal each (renewed, expanded, "
              + "contracted or churned), where the signals really carry information about churn: "
              + "every analytics endpoint then shows something meaningful. Refused (409) when the "
              + "tenant already has accounts; the same seed gives the same data.")
  @APIResponse(
      responseCode = "201",
      description = "Loaded",
      content = @Content(schema = @Schema(implementation = DemoLoader.Loaded.class)))
  @APIResponse(responseCode = "400", description = "Invalid count or seed")
  @APIResponse(responseCode = "409", description = "The tenant has accounts")
  public Response load(
      @Parameter(
              description = "Accounts, 10-2000 (default 300).",
              schema = @Schema(minimum = "10", maximum = "2000", defaultValue = "300"))
          @QueryParam("accounts")
          String accounts,
      @Parameter(description = "Random seed (default 42).", example = "42") @QueryParam("seed")
          String seed)
      throws SQLException {
    Double requested = QueryParams.number("accounts", accounts, 10, 2000);
    Double seedValue = QueryParams.number("seed", seed, -1e15, 1e15);
    int count = requested == null ? 300 : requested.intValue();
    long chosenSeed = seedValue == null ? 42 : seedValue.longValue();
    return Response.status(201).entity(loader.load(Tenants.current(), count, chosenSeed)).build();
  }
}
