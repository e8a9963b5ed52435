package io.healthscore.analytics;

import io.healthscore.common.QueryParams;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Which renewal decisions a calibration report reads, and how long before each the score. */
public class DecisionWindow {

  @Parameter(
      description = "How long before each decision the score is taken (ISO-8601, default P90D).",
      example = "P90D",
      schema = @Schema(type = SchemaType.STRING, format = "duration"))
  @QueryParam("horizon")
  String horizon;

  @Parameter(
      description = "Decisions from this day (default: all).",
      example = "2025-01-01",
      schema = @Schema(type = SchemaType.STRING, format = "date"))
  @QueryParam("from")
  String from;

  @Parameter(
      description = "Decisions before this day (default: tomorrow).",
      example = "2026-11-01",
      schema = @Schema(type = SchemaType.STRING, format = "date"))
  @QueryParam("to")
  String to;

  Duration horizon() {
    return QueryParams.duration("horizon", horizon, Duration.ofDays(90));
  }

  LocalDate from() {
    return QueryParams.date("from", from, LocalDate.of(1970, 1, 1));
  }

  LocalDate to() {
    return QueryParams.date("to", to, LocalDate.now(ZoneOffset.UTC).plusDays(1));
  }
}
