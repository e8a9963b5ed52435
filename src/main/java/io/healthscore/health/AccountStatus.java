package io.healthscore.health;

import io.healthscore.common.ApiProblem;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Which accounts a portfolio view counts, by the status their newest outcome gives them (see
 * V19__Account_status.sql): the active book by default, the churned accounts, or all.
 */
public enum AccountStatus {
  ACTIVE("'active'"),
  CHURNED("'churned'"),
  ALL("'active', 'churned'");

  private final String sqlList;

  AccountStatus(String sqlList) {
    this.sqlList = sqlList;
  }

  /**
   * A condition on the account table under the given alias, e.g. {@code a.status in ('active')}:
   * constants only, so it is spliced into the query text.
   */
  public String condition(String alias) {
    return alias + ".status in (" + sqlList + ")";
  }

  /** The {@code status} query parameter of every portfolio and analytics view. */
  public static class Param {

    @Parameter(
        description =
            "Accounts by status: active (default; the book the team works on), churned (newest"
                + " outcome a churn), or all.",
        schema =
            @Schema(
                type = SchemaType.STRING,
                enumeration = {"active", "churned", "all"},
                defaultValue = "active"))
    @QueryParam("status")
    String status;

    public AccountStatus status() {
      if (status == null || status.equals("active")) {
        return ACTIVE;
      }
      if (status.equals("churned")) {
        return CHURNED;
      }
      if (status.equals("all")) {
        return ALL;
      }
      throw ApiProblem.invalid("status", "must be active, churned or all");
    }
  }
}
