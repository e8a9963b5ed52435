package io.healthscore.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Examples;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/imports")
@Tag(
    name = "Imports",
    description =
        "A whole book of business from files: accounts, signals and outcomes as NDJSON or CSV"
            + " (gzip allowed), merged in the background, every rejected line reported")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

  static final String NDJSON = Examples.NDJSON_TYPE;
  private static final int DOWNLOAD_PAGE = 1000;

  private final ImportService imports;
  private final ImportWorker worker;
  private final Limits limits;
  private final ObjectWriter lineWriter;

  public ImportResource(
      ImportService imports, ImportWorker worker, Limits limits, ObjectMapper json) {
    this.worker = worker;
    this.imports = imports;
    this.limits = limits;
    this.lineWriter = json.writerFor(ImportView.RejectedLine.class);
  }

  @POST
  @RequiresScope(Scope.SIGNALS_WRITE)
  @Consumes({NDJSON, "text/csv"})
  @Operation(
      operationId = "createImport",
      summary = "Import a file of accounts, signals and outcomes",
      description =
          "The body is streamed into the database as it arrives (files of gigabytes work; gzip is"
              + " recognised by its magic number) and stored whole or not at all; the reply comes"
              + " once the last byte is stored, and the lines are merged in the background (GET"
              + " /v1/imports/{importId}). NDJSON: one object per line, its kind in `type` or the"
              + " `type` parameter, with the fields of the batch endpoints' items"
              + " (BatchAccountInput, BatchSignalInput, BatchOutcomeInput). CSV: a header row of"
              + " type, accountId, name, arr, currency, renewalDate, attributes.<name>, key,"
              + " value, observedAt, source, eventId, kind, date, arrBefore, arrAfter, note; one"
              + " record per line. A line is applied whole or rejected whole, with its line number,"
              + " field and message. Accounts are merged first (fields given replace, attributes"
              + " are added), then signals (their accounts must exist, in the file or before), then"
              + " outcomes; a line already stored (a repeated eventId, the same signal, an account"
              + " as it was) counts as unchanged, so the same file twice adds nothing. Signal keys"
              + " must exist before (custom ones: POST /v1/signal-keys). The accounts touched are"
              + " re-scored once at the end by one job. See docs/imports.md.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = NDJSON,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "mixed", value = Examples.IMPORT_NDJSON)),
        @Content(
            mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING),
            examples =
                @ExampleObject(
                    name = "signals",
                    value =
                        "accountId,key,value,observedAt,eventId\n"
                            + "acme-001,active_users_ratio,0.62,2026-11-20T09:30:00Z,u-1\n"))
      })
  @APIResponse(
      responseCode = "202",
      description = "Stored; merging in the background",
      content = @Content(schema = @Schema(implementation = ImportView.class)))
  @APIResponse(
      responseCode = "200",
      description = "The import that first used this Idempotency-Key, for the same file",
      content = @Content(schema = @Schema(implementation = ImportView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Not a file of lines (a CSV header naming an unknown column, bad gzip)")
  @APIResponse(responseCode = "409", description = "The same key's import is being stored")
  @APIResponse(responseCode = "413", description = "Larger than healthscore.imports.max-file-bytes")
  @APIResponse(responseCode = "415", description = "Not NDJSON or CSV")
  @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another file")
  public Response create(
      @Parameter(
              description =
                  "The kind of lines that name none (NDJSON) or of every line (CSV without a type"
                      + " column).",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"account", "signal", "outcome"}))
          @QueryParam("type")
          String type,
      @Parameter(
              description =
                  "Retrying with the same key and file answers with the first import (200)"
                      + " instead of storing the file again.",
              schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
          @HeaderParam(Idempotency.HEADER)
          String idempotencyKey,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    if (idempotencyKey != null) {
      Idempotency.checkKey(idempotencyKey);
    }
    String format = contentType != null && contentType.startsWith("text/csv") ? "csv" : "ndjson";
    ImportService.Uploaded uploaded =
        imports.upload(Tenants.current(), format, type, idempotencyKey, body);
    if (uploaded.created()) {
      worker.wake(); // committed: its merge starts now rather than at the next poll
    }
    return Response.status(uploaded.created() ? 202 : 200)
        .location(URI.create("/v1/imports/" + uploaded.view().id()))
        .entity(uploaded.view())
        .build();
  }

  @GET
  @Path("/{importId}")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getImport",
      summary = "Read an import's progress and its rejected lines",
      description =
          "Lines read, applied, unchanged and rejected so far, the first rejected lines with"
              + " their line number, field and message, and the re-scoring job's progress.")
  @APIResponse(
      responseCode = "200",
      description = "The import",
      content = @Content(schema = @Schema(implementation = ImportView.class)))
  @APIResponse(responseCode = "404", description = "No such import")
  public ImportView get(
      @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @PathParam("importId")
          String importId)
      throws SQLException {
    return imports
        .find(Tenants.current(), id(importId))
        .orElseThrow(() -> ApiProblem.notFound("No import " + importId));
  }

  @GET
  @Path("/{importId}/rejected")
  @Produces(NDJSON)
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "downloadRejectedLines",
      summary = "Download every rejected line of an import",
      description =
          "One ImportRejectedLine object per line, in line order, streamed: fix the lines and"
              + " import them again.")
  @APIResponse(
      responseCode = "200",
      description = "The rejected lines, one JSON object per line",
      content =
          @Content(
              mediaType = NDJSON,
              schema = @Schema(implementation = ImportView.RejectedLine.class)))
  @APIResponse(responseCode = "404", description = "No such import")
  public Response rejected(
      @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @PathParam("importId")
          String importId)
      throws SQLException {
    String tenant = Tenants.current();
    long id = id(importId);
    if (!imports.exists(tenant, id)) {
      throw ApiProblem.notFound("No import " + importId);
    }
    StreamingOutput lines =
        out -> {
          try {
            long after = 0;
            while (true) {
              List<ImportView.RejectedLine> page =
                  imports.rejected(tenant, id, after, DOWNLOAD_PAGE);
              write(out, page);
              if (page.size() < DOWNLOAD_PAGE) {
                return;
              }
              after = page.get(page.size() - 1).line();
            }
          } catch (SQLException e) {
            throw new java.io.IOException(e);
          }
        };
    return Response.ok(lines, NDJSON).build();
  }

  private void write(OutputStream out, List<ImportView.RejectedLine> page)
      throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    for (ImportView.RejectedLine line : page) {
      text.append(lineWriter.writeValueAsString(line)).append('\n');
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GET
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "listImports",
      summary = "List imports, newest first",
      description = "Each import's progress, without its rejected lines.")
  @APIResponse(responseCode = "200", description = "The imports, newest first")
  @APIResponse(responseCode = "400", description = "Invalid parameter")
  public Page<ImportView> list(@BeanParam PageRequest page) throws SQLException {
    String tenant = Tenants.current();
    return page.newestFirst(
        (before, rows) -> imports.recent(tenant, before, rows), ImportView::id, limits);
  }

  private static long id(String importId) {
    return Ids.numeric(importId, "No import " + importId);
  }
}
