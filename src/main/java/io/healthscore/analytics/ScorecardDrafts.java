package io.healthscore.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.ScorecardDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Proposals kept for review: never used for scoring until saved as a version with PUT. */
@ApplicationScoped
public class ScorecardDrafts {

  @Schema(name = "ScorecardDraft")
  public record Draft(
      @Schema(example = "4") long id,
      @Schema(description = "The version it was derived from.", example = "3") int basedOn,
      @Schema(example = "calibrate") String source,
      Instant createdAt,
      ScorecardDefinition definition) {}

  private final Transactions transactions;
  private final ObjectMapper json;

  public ScorecardDrafts(Transactions transactions, ObjectMapper json) {
    this.transactions = transactions;
    this.json = json;
  }

  public long save(
      String tenantId,
      String scorecardId,
      int basedOn,
      String source,
      ScorecardDefinition definition)
      throws SQLException {
    String text;
    try {
      text = json.writeValueAsString(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  insert into scorecard_draft (tenant_id, scorecard_id, based_on, source, definition)
                  values (?, ?, ?, ?, ?::jsonb) returning draft_id\
                  """)) {
            ps.setString(1, tenantId);
            ps.setString(2, scorecardId);
            ps.setInt(3, basedOn);
            ps.setString(4, source);
            ps.setString(5, text);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** The scorecard's drafts, newest first (at most 50). */
  public List<Draft> list(String tenantId, String scorecardId) throws SQLException {
    return query(tenantId, scorecardId, null);
  }

  public Draft find(String tenantId, String scorecardId, long draftId) throws SQLException {
    List<Draft> drafts = query(tenantId, scorecardId, draftId);
    if (drafts.isEmpty()) {
      throw ApiProblem.notFound("No draft " + draftId + " of scorecard " + scorecardId);
    }
    return drafts.get(0);
  }

  private List<Draft> query(String tenantId, String scorecardId, Long draftId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          List<Draft> drafts = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  select draft_id, based_on, source, created_at, definition::text from scorecard_draft
                  where tenant_id = ? and scorecard_id = ? and (?::bigint is null or draft_id = ?)
                  order by draft_id desc limit 50\
                  """)) {
            ps.setString(1, tenantId);
            ps.setString(2, scorecardId);
            ps.setObject(3, draftId, java.sql.Types.BIGINT);
            ps.setObject(4, draftId, java.sql.Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                drafts.add(
                    new Draft(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        json.readValue(rs.getString(5), ScorecardDefinition.class)));
              }
            }
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
          return drafts;
        });
  }
}
