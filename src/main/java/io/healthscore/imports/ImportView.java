package io.healthscore.imports;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import as the API shows it: what was read, what became of each line, the re-scoring. */
@Schema(name = "Import")
public record ImportView(
    @Schema(example = "17") long id,
    @Schema(
            enumeration = {"queued", "merging", "rescoring", "done"},
            description =
                "queued: stored, waiting for a worker; merging: lines being applied, a chunk per"
                    + " transaction; rescoring: every line decided, the touched accounts being"
                    + " re-scored (job jobId); done.",
            example = "merging")
        String status,
    @Schema(enumeration = {"ndjson", "csv"}) String format,
    @Schema(
            enumeration = {"account", "signal", "outcome"},
            description = "The kind of lines that name none (the upload's type parameter).")
        String type,
    @Schema(description = "Bytes received (as sent, compressed or not).", example = "52428800")
        long bytes,
    @Schema(description = "SHA-256 of the bytes received, hex.") String sha256,
    Lines lines,
    @Schema(description = "The job re-scoring the touched accounts (GET /v1/jobs/{jobId}).")
        Long jobId,
    @Schema(description = "Accounts the job re-scores (once merging has ended).")
        Integer accountsToRescore,
    @Schema(description = "Accounts re-scored so far.") Integer accountsRescored,
    @Schema(
            description =
                "The first rejected lines, in line order; GET /v1/imports/{importId}/rejected has"
                    + " them all.")
        List<RejectedLine> rejectedLines,
    Instant createdAt,
    @Schema(description = "When the last line was decided.") Instant mergedAt,
    @Schema(description = "When the re-scoring ended: the import is done.") Instant finishedAt) {

  /** Lines by what became of them. */
  @Schema(name = "ImportLines")
  public record Lines(
      @Schema(description = "Lines read (blank lines and a CSV header not counted).") long read,
      @Schema(description = "Account lines that passed the line checks.") long accounts,
      @Schema(description = "Signal lines that passed the line checks.") long signals,
      @Schema(description = "Outcome lines that passed the line checks.") long outcomes,
      @Schema(description = "Lines applied.") long applied,
      @Schema(
              description =
                  "Lines already stored (a repeated eventId, the same signal, an account as it"
                      + " was): nothing new.")
          long unchanged,
      @Schema(description = "Lines rejected, each with its line number, field and message.")
          long rejected) {}

  /** A line left out, and why. */
  @Schema(name = "ImportRejectedLine")
  public record RejectedLine(
      @Schema(description = "Line number in the file, from 1.", example = "42") long line,
      @Schema(enumeration = {"account", "signal", "outcome"}) String type,
      @Schema(
              description = "The offending field, or line for the line as a whole.",
              example = "value")
          String field,
      @Schema(example = "must be between 0 and 1") String message,
      @Schema(description = "The line's first 200 characters (rejected while reading only).")
          String text) {}
}
