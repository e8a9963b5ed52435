package io.healthscore.health;

import io.healthscore.common.ApiProblem;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * How much of a score a reply carries: the full explanation (per group and measure, ~5 KB), or the
 * summary a CRM stores (score, band, coverage, drivers, change; a tenth of that).
 */
public enum ScoreDetail {
  FULL,
  SUMMARY;

  /** The {@code view} query parameter of every operation that answers with a score. */
  public static class Param {

    @Parameter(
        description =
            "full (default): the score with its breakdown per group and measure; summary: the"
                + " same without groups (score, band, coverage, drivers, change, override).",
        schema =
            @Schema(
                type = SchemaType.STRING,
                enumeration = {"full", "summary"},
                defaultValue = "full"))
    @QueryParam("view")
    String view;

    public ScoreDetail detail() {
      if (view == null || view.equals("full")) {
        return FULL;
      }
      if (view.equals("summary")) {
        return SUMMARY;
      }
      throw ApiProblem.invalid("view", "must be full or summary");
    }
  }
}
