package io.healthscore.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.Examples;
import io.healthscore.common.QueryParams;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.SQLException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
  private final ObjectMapper json;

  public DemoResource(DemoLoader loader, ObjectMapper json) {
    this.loader = loader;
    this.json = json;
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
  public Response load(@BeanParam Portfolio portfolio) throws SQLException {
    return Response.status(201)
        .entity(loader.load(Tenants.current(), portfolio.count(), portfolio.seed()))
        .build();
  }

  @GET
  @Path("/file")
  @Produces(Examples.NDJSON_TYPE)
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "downloadDemoFile",
      summary = "The demo portfolio as an import file",
      description =
          "The portfolio POST /v1/demo-data loads (the same accounts, signals and outcomes for the"
              + " same seed), as NDJSON for POST /v1/imports: accounts first, then a year of"
              + " signals, then the renewals. Nothing is stored.")
  @APIResponse(
      responseCode = "200",
      description = "One import line per row",
      content =
          @Content(mediaType = Examples.NDJSON_TYPE, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "Invalid count or seed")
  public Response file(@BeanParam Portfolio portfolio) {
    DemoData.Portfolio generated =
        DemoData.generate(portfolio.count(), portfolio.seed(), Instant.now());
    StreamingOutput lines = out -> DemoFile.write(generated, json, out);
    return Response.ok(lines, Examples.NDJSON_TYPE).build();
  }

  /** The size and seed of the demo portfolio, the same for loading it and for its file. */
  public static class Portfolio {

    @Parameter(
        description = "Accounts, 10-2000 (default 300).",
        schema = @Schema(minimum = "10", maximum = "2000", defaultValue = "300"))
    @QueryParam("accounts")
    String accounts;

    @Parameter(description = "Random seed (default 42).", example = "42")
    @QueryParam("seed")
    String seed;

    int count() {
      Double requested = QueryParams.number("accounts", accounts, 10, 2000);
      return requested == null ? 300 : requested.intValue();
    }

    long seed() {
      Double value = QueryParams.number("seed", seed, -1e15, 1e15);
      return value == null ? 42 : value.longValue();
    }
  }
}
