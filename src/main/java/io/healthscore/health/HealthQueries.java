package io.healthscore.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Cursor;
import io.healthscore.common.Page;
import io.healthscore.common.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side: latest score, score history of one account and the portfolio list. */
@ApplicationScoped
public class HealthQueries {

  /** Sort orders of the portfolio list: the column and whether it descends. */
  public enum Sort {
    SCORE("coalesce(l.score, -1)", false),
    SCORE_DESC("coalesce(l.score, -1)", true),
    ARR("coalesce(a.arr_amount, -1)", false),
    ARR_DESC("coalesce(a.arr_amount, -1)", true);

    final String expression;
    final boolean descending;

    Sort(String expression, boolean descending) {
      this.expression = expression;
      this.descending = descending;
    }

    public static Sort parse(String value) {
      return switch (value) {
        case "score" -> SCORE;
        case "-score" -> SCORE_DESC;
        case "arr" -> ARR;
        case "-arr" -> ARR_DESC;
        default -> throw ApiProblem.invalid("sort", "must be one of score, -score, arr, -arr");
      };
    }
  }

  /** Filters of the portfolio list; null means no filter. */
  public record Filter(
      AccountStatus status,
      List<String> bands,
      Double minScore,
      Double maxScore,
      Map<String, String> attributes) {}

  private static final String LATEST =
      """
      select h.seq, h.result::text
      from health_latest l
      join health_history h using (tenant_id, account_id, scorecard_id, seq)
      where l.tenant_id = ? and l.account_id = ? and l.scorecard_id = ?
      """;

  // One statement for every filter: a parameter left null switches its condition off.
  private static final String HISTORY =
      """
      select seq, result::text
      from health_history
      where tenant_id = ? and account_id = ? and scorecard_id = ?
        and (?::bigint is null or seq < ?::bigint)
        and (?::timestamptz is null or computed_at >= ?::timestamptz)
        and (?::timestamptz is null or computed_at < ?::timestamptz)
      order by seq desc
      limit ?
      """;

  private final Transactions transactions;
  private final ObjectMapper json;
  private final AccountAttributes accounts;

  public HealthQueries(Transactions transactions, ObjectMapper json, AccountAttributes accounts) {
    this.transactions = transactions;
    this.json = json;
    this.accounts = accounts;
  }

  /** The latest score as stored: the projection row joined to the history row it points at. */
  public Optional<HistoryRow> latest(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setString(1, tenantId);
            ps.setString(2, accountId);
            ps.setString(3, scorecardId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new HistoryRow(rs.getLong(1), rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * History newest first, as stored (see {@link ScoreForms} for the API form); the cursor is the
   * last sequence number of the previous page.
   */
  public Page<String> history(
      String tenantId,
      String accountId,
      String scorecardId,
      Instant from,
      Instant to,
      int limit,
      String cursor)
      throws SQLException {
    Long before = cursor == null ? null : Cursor.decodeLong(cursor);
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            Timestamp since = from == null ? null : Timestamp.from(from);
            Timestamp until = to == null ? null : Timestamp.from(to);
            Object[] parameters = {
              tenantId,
              accountId,
              scorecardId,
              before,
              before,
              since,
              since,
              until,
              until,
              limit + 1
            };
            for (int i = 0; i < parameters.length; i++) {
              ps.setObject(i + 1, parameters[i]);
            }
            List<Long> sequences = new ArrayList<>();
            List<String> results = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                sequences.add(rs.getLong(1));
                results.add(rs.getString(2));
              }
            }
            if (results.size() <= limit) {
              return new Page<>(results, null);
            }
            return new Page<>(
                results.subList(0, limit), Cursor.encode(Long.toString(sequences.get(limit - 1))));
          }
        });
  }

  public Page<HealthListItem> portfolio(
      String tenantId, String scorecardId, Filter filter, Sort sort, int limit, String cursor)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            """
            select l.account_id, a.name, l.score, l.band, l.coverage, l.scorecard_id,
                   l.scorecard_version, l.computed_at, a.arr_amount, a.arr_currency, a.renewal_date,
                   a.attributes::text, %s as sort_value
            from health_latest l
            join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
            where l.tenant_id = ? and l.scorecard_id = ? and %s
            """
                .formatted(sort.expression, filter.status().condition("a")));
    List<Object> parameters = new ArrayList<>(List.of(tenantId, scorecardId));
    if (filter.bands() != null && !filter.bands().isEmpty()) {
      sql.append(" and l.band = any(?)");
      parameters.add(filter.bands().toArray(String[]::new));
    }
    if (filter.minScore() != null) {
      sql.append(" and l.score >= ?");
      parameters.add(BigDecimal.valueOf(filter.minScore()));
    }
    if (filter.maxScore() != null) {
      sql.append(" and l.score <= ?");
      parameters.add(BigDecimal.valueOf(filter.maxScore()));
    }
    if (filter.attributes() != null && !filter.attributes().isEmpty()) {
      sql.append(" and a.attributes @> ?::jsonb");
      parameters.add(writeJson(filter.attributes()));
    }
    if (cursor != null) {
      List<String> after = Cursor.decode(cursor, 2);
      sql.append(" and (")
          .append(sort.expression)
          .append(", l.account_id) ")
          .append(sort.descending ? "<" : ">")
          .append(" (?, ?)");
      parameters.add(parseDecimal(after.get(0)));
      parameters.add(after.get(1));
    }
    String direction = sort.descending ? " desc" : " asc";
    sql.append(" order by ")
        .append(sort.expression)
        .append(direction)
        .append(", l.account_id")
        .append(direction)
        .append(" limit ?");
    parameters.add(limit + 1);

    String query = sql.toString();
    return transactions.inTenant(
        tenantId,
        c -> {
          List<HealthListItem> items = new ArrayList<>();
          String lastSortValue = null;
          try (PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.size(); i++) {
              Object p = parameters.get(i);
              if (p instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
              } else {
                ps.setObject(i + 1, p);
              }
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (items.size() < limit && rs.next()) {
                BigDecimal score = rs.getBigDecimal(3);
                BigDecimal arr = rs.getBigDecimal(9);
                java.sql.Date renewal = rs.getDate(11);
                items.add(
                    new HealthListItem(
                        rs.getString(1),
                        rs.getString(2),
                        score == null ? null : score.doubleValue(),
                        rs.getString(4),
                        rs.getBigDecimal(5).doubleValue(),
                        new HealthView.ScorecardRef(rs.getString(6), rs.getInt(7)),
                        rs.getTimestamp(8).toInstant(),
                        arr == null ? null : new Money(arr, rs.getString(10)),
                        renewal == null ? null : renewal.toLocalDate(),
                        accounts.read(rs.getString(12))));
                lastSortValue = rs.getBigDecimal(13).toPlainString();
              }
              boolean more = rs.next();
              String next =
                  more
                      ? Cursor.encode(lastSortValue, items.get(items.size() - 1).accountId())
                      : null;
              return new Page<>(items, next);
            }
          }
        });
  }

  private static BigDecimal parseDecimal(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw Cursor.invalid();
    }
  }

  private String writeJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
