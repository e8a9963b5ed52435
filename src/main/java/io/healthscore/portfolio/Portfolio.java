package io.healthscore.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.Cursor;
import io.healthscore.common.Page;
import io.healthscore.common.Transactions;
import io.healthscore.health.AccountStatus;
import io.healthscore.portfolio.PortfolioViews.BandFigures;
import io.healthscore.portfolio.PortfolioViews.Figures;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** Portfolio reports over the latest scores of one scorecard, one tenant at a time. */
@ApplicationScoped
public class Portfolio {

  static final List<String> BANDS = List.of("red", "yellow", "green", "unknown");

  private static final String SUMMARY =
      """
      select a.attributes ->> ?, l.band, a.arr_currency, count(*),
             coalesce(sum(a.arr_amount), 0), sum(l.score), count(l.score),
             count(*) filter (where l.coverage < 0.25),
             count(*) filter (where l.coverage >= 0.25 and l.coverage < 0.5),
             count(*) filter (where l.coverage >= 0.5 and l.coverage < 0.75),
             count(*) filter (where l.coverage >= 0.75)
      from health_latest l
      join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
      where l.tenant_id = ? and l.scorecard_id = ? and %s
      group by 1, 2, 3
      """;
  // Keyset pages in the list's order (band's risk, ARR largest first, account id): the cursor
  // holds the last row's three sort values; null ARR sorts last as -1.
  private static final String RENEWALS =
      """
      select * from (
        select a.account_id, a.name, a.renewal_date, a.arr_amount, a.arr_currency, l.band, l.score,
               case coalesce(l.band, 'unknown') when 'red' then 0 when 'yellow' then 1
                 when 'unknown' then 2 else 3 end as risk,
               coalesce(a.arr_amount, -1) as arr_key
        from account a
        left join health_latest l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
          and l.scorecard_id = ?
        where a.tenant_id = ? and %s and a.renewal_date >= current_date
          and a.renewal_date < current_date + ?
      ) r
      where ?::int is null
         or (r.risk, -r.arr_key, r.account_id) > (?::int, -(?::numeric), ?::text)
      order by r.risk, r.arr_key desc, r.account_id
      limit ?
      """;
  // Loyalty per account: the score, or the newest NPS (an nps signal, else the NPS of the
  // nps_response answers of the last year).
  private static final String MATRIX =
      """
      select a.arr_amount, a.arr_currency,
             case when ? = 'score' then l.score::float8
                  else coalesce(
                    (select s.number_value from signal_latest s where s.tenant_id = a.tenant_id
                       and s.account_id = a.account_id and s.key = 'nps'),
                    (select 100.0 * (count(*) filter (where s.number_value >= 9)
                                     - count(*) filter (where s.number_value <= 6)) / count(*)
                     from signal s where s.tenant_id = a.tenant_id
                       and s.account_id = a.account_id and s.key = 'nps_response'
                       and s.observed_at > now() - interval '365 days'
                     having count(*) > 0)) end
      from account a
      left join health_latest l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
        and l.scorecard_id = ?
      where a.tenant_id = ? and %s
      """;
  // Present measures of the latest scores, from either form history holds (see StoredForm):
  // measures keyed by id as arrays (status, raw value, raw label, normalised, effective weight,
  // ...), or the API form's objects in rows written before it.
  private static final String DRIVERS =
      """
      select m.measure_id, m.group_id, count(*),
             sum(m.effective_weight * (100 - m.normalised)),
             sum(m.effective_weight * (100 - m.normalised) * a.arr_amount),
             (select sum(x.arr_amount) from account x join health_latest y
                on y.tenant_id = x.tenant_id and y.account_id = x.account_id
              where x.tenant_id = ? and y.scorecard_id = ? and %1$s)
      from health_latest l
      join health_history h on h.tenant_id = l.tenant_id and h.account_id = l.account_id
        and h.scorecard_id = l.scorecard_id and h.seq = l.seq
      join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
      cross join lateral (
        select x.key as measure_id, g.key as group_id,
               (x.value ->> 4)::float8 as effective_weight, (x.value ->> 3)::float8 as normalised
        from json_each(h.result -> 'explanation') g
        cross join lateral json_each(g.value -> 'measures') x
        where x.value ->> 0 = 'present'
        union all
        select x ->> 'id', g ->> 'id', (x ->> 'effectiveWeight')::float8,
               (x ->> 'normalised')::float8
        from json_array_elements(h.result -> 'groups') g
        cross join lateral json_array_elements(g -> 'measures') x
        where x ->> 'status' = 'present') m
      where l.tenant_id = ? and l.scorecard_id = ? and %2$s
      group by 1, 2
      """;
  private static final String CONTACTS =
      """
      select a.account_id, a.name, a.arr_amount, a.arr_currency, k.key, s.number_value,
             s.observed_at
      from account a
      cross join unnest(array['decision_maker_contacts', 'influencer_contacts',
                              'user_contacts', 'days_since_last_touch']) k(key)
      left join signal_latest s on s.tenant_id = a.tenant_id and s.account_id = a.account_id
        and s.key = k.key
      where a.tenant_id = ? and %s
      """;
  // Each account's latest score now and as of the cutoff.
  private static final String MOVES =
      """
      select l.account_id, b.score, l.score, b.band, l.band, b.seq, l.seq
      from health_latest l
      join lateral (select h.score, h.band, h.seq from health_history h
                    where h.tenant_id = l.tenant_id and h.account_id = l.account_id
                      and h.scorecard_id = l.scorecard_id and h.computed_at <= ?
                    order by h.seq desc limit 1) b on true
      join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
      where l.tenant_id = ? and l.scorecard_id = ? and b.seq <> l.seq and %s
      """;
  private static final String RESULTS =
      """
      select account_id, seq, result::text from health_history
      where tenant_id = ? and scorecard_id = ? and (account_id, seq) in
        (select * from unnest(?::text[], ?::bigint[]))
      """;
  private static final String TREND =
      """
      select b.ord, x.band, a.arr_currency, count(*), coalesce(sum(a.arr_amount), 0)
      from unnest(?::timestamptz[]) with ordinality b(at, ord)
      cross join lateral (
        select distinct on (h.account_id) h.account_id, h.band from health_history h
        where h.tenant_id = ? and h.scorecard_id = ? and h.computed_at <= b.at
        order by h.account_id, h.seq desc) x
      join account a on a.tenant_id = ? and a.account_id = x.account_id
      where %s
      group by 1, 2, 3
      order by 1
      """;

  private final Transactions transactions;
  private final ObjectMapper json;

  public Portfolio(Transactions transactions, ObjectMapper json) {
    this.transactions = transactions;
    this.json = json;
  }

  /** Accounts and ARR per band, ARR at risk, mean score and coverage; overall and by segment. */
  public PortfolioViews.Summary summary(
      String tenantId, String scorecardId, String groupBy, AccountStatus status)
      throws SQLException {
    Map<String, Tally> bySegment = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    Tally overall = new Tally();
    transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SUMMARY.formatted(status.condition("a")))) {
            ps.setString(1, groupBy == null ? "" : groupBy);
            ps.setString(2, tenantId);
            ps.setString(3, scorecardId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Row row =
                    new Row(
                        rs.getString(2),
                        currency(rs.getString(3)),
                        rs.getInt(4),
                        rs.getBigDecimal(5),
                        rs.getDouble(6),
                        rs.getInt(7),
                        new int[] {rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)});
                overall.add(row);
                if (groupBy != null) {
                  bySegment.computeIfAbsent(rs.getString(1), k -> new Tally()).add(row);
                }
              }
            }
          }
          return null;
        });
    List<PortfolioViews.SegmentFigures> segments = new ArrayList<>();
    bySegment.forEach(
        (value, tally) -> segments.add(new PortfolioViews.SegmentFigures(value, tally.figures())));
    return new PortfolioViews.Summary(scorecardId, groupBy, overall.figures(), segments);
  }

  /** Renewals due within the period, the riskiest band first, then the biggest ARR; by pages. */
  public Page<PortfolioViews.Renewal> renewals(
      String tenantId, String scorecardId, int days, int limit, String cursor, AccountStatus status)
      throws SQLException {
    List<String> after = cursor == null ? null : Cursor.decode(cursor, 3);
    Integer risk = after == null ? null : Integer.valueOf(number(after.get(0)).intValue());
    BigDecimal arrKey = after == null ? null : number(after.get(1));
    String accountId = after == null ? null : after.get(2);
    return transactions.inTenant(
        tenantId,
        c -> {
          List<PortfolioViews.Renewal> renewals = new ArrayList<>();
          String[] lastSortValues = new String[2]; // risk and ARR key of the last row read
          String next = null;
          try (PreparedStatement ps =
              c.prepareStatement(RENEWALS.formatted(status.condition("a")))) {
            Object[] parameters = {
              scorecardId, tenantId, days, risk, risk, arrKey, accountId, limit + 1
            };
            for (int i = 0; i < parameters.length; i++) {
              ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (renewals.size() == limit) {
                  PortfolioViews.Renewal last = renewals.get(limit - 1);
                  next = Cursor.encode(lastSortValues[0], lastSortValues[1], last.accountId());
                  break;
                }
                BigDecimal score = rs.getBigDecimal(7);
                renewals.add(
                    new PortfolioViews.Renewal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getDate(3).toLocalDate(),
                        rs.getBigDecimal(4),
                        currency(rs.getString(5)),
                        rs.getString(6) == null ? "unknown" : rs.getString(6),
                        score == null ? null : score.doubleValue()));
                lastSortValues[0] = rs.getString(8);
                lastSortValues[1] = rs.getBigDecimal(9).toPlainString();
              }
            }
          }
          return new Page<>(renewals, next);
        });
  }

  /** A cursor's number; a 400 on the cursor field when it is not one. */
  private static BigDecimal number(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw Cursor.invalid();
    }
  }

  /** Accounts on a loyalty x revenue grid. */
  public PortfolioViews.Matrix matrix(
      String tenantId,
      String scorecardId,
      String loyalty,
      Double loyaltyThreshold,
      BigDecimal arrThreshold,
      AccountStatus status)
      throws SQLException {
    record Placed(BigDecimal arr, String currency, Double loyalty) {}
    List<Placed> accounts =
        transactions.inTenant(
            tenantId,
            c -> {
              List<Placed> placed = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(MATRIX.formatted(status.condition("a")))) {
                ps.setString(1, loyalty);
                ps.setString(2, scorecardId);
                ps.setString(3, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    double value = rs.getDouble(3);
                    placed.add(
                        new Placed(
                            rs.getBigDecimal(1) == null ? BigDecimal.ZERO : rs.getBigDecimal(1),
                            currency(rs.getString(2)),
                            rs.wasNull() ? null : value));
                  }
                }
              }
              return placed;
            });
    double loyaltyCut =
        loyaltyThreshold != null ? loyaltyThreshold : loyalty.equals("score") ? 70 : 30;
    BigDecimal arrCut =
        arrThreshold != null
            ? arrThreshold
            : median(accounts.stream().map(Placed::arr).sorted().toList());
    Map<String, Tally> cells = new LinkedHashMap<>();
    for (String cell : List.of("protect", "nurture", "fix", "grow")) {
      cells.put(cell, new Tally());
    }
    int unplaced = 0;
    for (Placed p : accounts) {
      if (p.loyalty() == null) {
        unplaced++;
        continue;
      }
      boolean highRevenue = p.arr().compareTo(arrCut) >= 0;
      boolean loyal = p.loyalty() >= loyaltyCut;
      String cell = highRevenue ? (loyal ? "nurture" : "protect") : (loyal ? "grow" : "fix");
      cells.get(cell).count(null, p.currency(), 1, p.arr());
    }
    Map<String, BandFigures> figures = new LinkedHashMap<>();
    cells.forEach((cell, tally) -> figures.put(cell, tally.total()));
    return new PortfolioViews.Matrix(loyalty, loyaltyCut, arrCut, figures, unplaced);
  }

  /** Measures ranked by the points they cost, per account and weighted by ARR. */
  public PortfolioViews.Drivers drivers(
      String tenantId, String scorecardId, int limit, AccountStatus status) throws SQLException {
    List<PortfolioViews.Driver> drivers =
        transactions.inTenant(
            tenantId,
            c -> {
              List<PortfolioViews.Driver> list = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      DRIVERS.formatted(status.condition("x"), status.condition("a")))) {
                ps.setString(1, tenantId);
                ps.setString(2, scorecardId);
                ps.setString(3, tenantId);
                ps.setString(4, scorecardId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    int accounts = rs.getInt(3);
                    double totalArr = rs.getDouble(6);
                    double weighted = rs.getDouble(5);
                    list.add(
                        new PortfolioViews.Driver(
                            rs.getString(1),
                            rs.getString(2),
                            accounts,
                            round(rs.getDouble(4) / accounts),
                            totalArr > 0 ? round(weighted / totalArr) : null));
                  }
                }
              }
              return list;
            });
    List<PortfolioViews.Driver> unweighted =
        drivers.stream()
            .sorted(Comparator.comparingDouble(PortfolioViews.Driver::meanPointsLost).reversed())
            .limit(limit)
            .toList();
    List<PortfolioViews.Driver> weighted =
        drivers.stream()
            .filter(d -> d.arrWeightedPointsLost() != null)
            .sorted(
                Comparator.comparingDouble(PortfolioViews.Driver::arrWeightedPointsLost).reversed())
            .limit(limit)
            .toList();
    return new PortfolioViews.Drivers(scorecardId, unweighted, weighted);
  }

  /** Accounts short of the contacts their ARR tier requires or untouched too long. */
  public List<PortfolioViews.CoverageGap> coverageGaps(
      String tenantId, CoverageRules rules, AccountStatus status) throws SQLException {
    record Contact(
        String name,
        BigDecimal arr,
        String currency,
        Map<String, Double> values,
        Map<String, Instant> observed) {}
    Map<String, Contact> accounts =
        transactions.inTenant(
            tenantId,
            c -> {
              Map<String, Contact> byAccount = new LinkedHashMap<>();
              try (PreparedStatement ps =
                  c.prepareStatement(CONTACTS.formatted(status.condition("a")))) {
                ps.setString(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    Contact contact = byAccount.get(rs.getString(1));
                    if (contact == null) {
                      contact =
                          new Contact(
                              rs.getString(2),
                              rs.getBigDecimal(3),
                              currency(rs.getString(4)),
                              new HashMap<>(),
                              new HashMap<>());
                      byAccount.put(rs.getString(1), contact);
                    }
                    double value = rs.getDouble(6);
                    if (!rs.wasNull()) {
                      contact.values().put(rs.getString(5), value);
                      contact.observed().put(rs.getString(5), rs.getTimestamp(7).toInstant());
                    }
                  }
                }
              }
              return byAccount;
            });
    Instant now = Instant.now();
    List<PortfolioViews.CoverageGap> gaps = new ArrayList<>();
    accounts.forEach(
        (id, a) -> {
          CoverageRules.Tier tier = rules.tierFor(a.arr());
          Map<String, Integer> contacts = new LinkedHashMap<>();
          Map<String, Integer> required = new LinkedHashMap<>();
          List<String> shortOf = new ArrayList<>();
          for (Map.Entry<String, String> role : CoverageRules.ROLES.entrySet()) {
            Double have = a.values().get(role.getValue());
            int need = tier.required(role.getKey());
            required.put(role.getKey(), need);
            if (have != null) {
              contacts.put(role.getKey(), have.intValue());
            }
            if ((have == null ? 0 : have) < need) {
              shortOf.add(role.getKey());
            }
          }
          Integer days = null;
          Double reported = a.values().get("days_since_last_touch");
          if (reported != null) {
            days =
                (int)
                    (reported
                        + Duration.between(a.observed().get("days_since_last_touch"), now)
                            .toDays());
          }
          if (days == null || days > rules.maxDaysWithoutTouch()) {
            shortOf.add("no_touch");
          }
          if (!shortOf.isEmpty()) {
            gaps.add(
                new PortfolioViews.CoverageGap(
                    id, a.name(), a.arr(), a.currency(), contacts, required, days, shortOf));
          }
        });
    return gaps.stream()
        .sorted(
            Comparator.comparing(
                    (PortfolioViews.CoverageGap g) -> g.arr() == null ? BigDecimal.ZERO : g.arr())
                .reversed()
                .thenComparing(PortfolioViews.CoverageGap::accountId))
        .toList();
  }

  /** Largest rises and falls since the cutoff, band changes, and what drove them. */
  public PortfolioViews.Movers movers(
      String tenantId, String scorecardId, Duration since, int limit, AccountStatus status)
      throws SQLException {
    record Move(
        String account,
        Double before,
        Double after,
        String bandBefore,
        String bandAfter,
        long seqBefore,
        long seqAfter) {
      double delta() {
        return (after == null ? 0 : after) - (before == null ? 0 : before);
      }
    }
    Instant cutoff = Instant.now().minus(since);
    return transactions.inTenant(
        tenantId,
        c -> {
          List<Move> moves = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(MOVES.formatted(status.condition("a")))) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setString(2, tenantId);
            ps.setString(3, scorecardId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                BigDecimal before = rs.getBigDecimal(2);
                BigDecimal after = rs.getBigDecimal(3);
                moves.add(
                    new Move(
                        rs.getString(1),
                        before == null ? null : before.doubleValue(),
                        after == null ? null : after.doubleValue(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7)));
              }
            }
          }
          List<Move> climbers =
              moves.stream()
                  .filter(m -> m.delta() > 0)
                  .sorted(Comparator.comparingDouble(Move::delta).reversed())
                  .limit(limit)
                  .toList();
          List<Move> fallers =
              moves.stream()
                  .filter(m -> m.delta() < 0)
                  .sorted(Comparator.comparingDouble(Move::delta))
                  .limit(limit)
                  .toList();
          List<Move> changed =
              moves.stream()
                  .filter(m -> !m.bandBefore().equals(m.bandAfter()))
                  .sorted(Comparator.comparingDouble((Move m) -> Math.abs(m.delta())).reversed())
                  .limit(limit)
                  .toList();
          List<Move> shown = new ArrayList<>(climbers);
          shown.addAll(fallers);
          shown.addAll(changed);
          Map<String, JsonNode> results =
              results(
                  c,
                  tenantId,
                  scorecardId,
                  shown.stream()
                      .flatMap(
                          m ->
                              Stream.of(
                                  Map.entry(m.account(), m.seqBefore()),
                                  Map.entry(m.account(), m.seqAfter())))
                      .distinct()
                      .toList());
          Function<Move, PortfolioViews.Mover> view =
              m ->
                  new PortfolioViews.Mover(
                      m.account(),
                      m.before(),
                      m.after(),
                      round(m.delta()),
                      m.bandBefore(),
                      m.bandAfter(),
                      measureMoves(
                          results.get(m.account() + '/' + m.seqBefore()),
                          results.get(m.account() + '/' + m.seqAfter())));
          return new PortfolioViews.Movers(
              since,
              climbers.stream().map(view).toList(),
              fallers.stream().map(view).toList(),
              changed.stream().map(view).toList());
        });
  }

  /** Accounts and ARR per band at the end of each interval, from history. */
  public PortfolioViews.Trend trend(
      String tenantId,
      String scorecardId,
      String interval,
      List<Instant> ends,
      AccountStatus status)
      throws SQLException {
    List<Tally> byEnd = new ArrayList<>();
    ends.forEach(end -> byEnd.add(new Tally()));
    transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(TREND.formatted(status.condition("a")))) {
            ps.setArray(
                1, c.createArrayOf("timestamptz", ends.stream().map(Timestamp::from).toArray()));
            ps.setString(2, tenantId);
            ps.setString(3, scorecardId);
            ps.setString(4, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byEnd
                    .get(rs.getInt(1) - 1)
                    .count(
                        rs.getString(2),
                        currency(rs.getString(3)),
                        rs.getInt(4),
                        rs.getBigDecimal(5));
              }
            }
          }
          return null;
        });
    List<PortfolioViews.TrendPoint> points = new ArrayList<>();
    for (int i = 0; i < ends.size(); i++) {
      points.add(new PortfolioViews.TrendPoint(ends.get(i), byEnd.get(i).figures().bands()));
    }
    return new PortfolioViews.Trend(interval, points);
  }

  private Map<String, JsonNode> results(
      Connection c, String tenantId, String scorecardId, List<Map.Entry<String, Long>> wanted)
      throws SQLException {
    Map<String, JsonNode> results = new HashMap<>();
    if (wanted.isEmpty()) {
      return results;
    }
    try (PreparedStatement ps = c.prepareStatement(RESULTS)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setArray(3, c.createArrayOf("text", wanted.stream().map(Map.Entry::getKey).toArray()));
      ps.setArray(4, c.createArrayOf("bigint", wanted.stream().map(Map.Entry::getValue).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          results.put(rs.getString(1) + '/' + rs.getLong(2), json.readTree(rs.getString(3)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return results;
  }

  /** The three measures whose contribution moved most between two results. */
  static List<PortfolioViews.MeasureMove> measureMoves(JsonNode before, JsonNode after) {
    Map<String, Double> change = new HashMap<>();
    contributions(after).forEach((id, points) -> change.merge(id, points, Double::sum));
    contributions(before).forEach((id, points) -> change.merge(id, -points, Double::sum));
    return change.entrySet().stream()
        .filter(e -> Math.abs(e.getValue()) >= 0.05)
        .sorted(
            Comparator.comparingDouble((Map.Entry<String, Double> e) -> Math.abs(e.getValue()))
                .reversed())
        .limit(3)
        .map(e -> new PortfolioViews.MeasureMove(e.getKey(), round(e.getValue())))
        .toList();
  }

  private static Map<String, Double> contributions(JsonNode result) {
    Map<String, Double> points = new HashMap<>();
    if (result == null) {
      return points;
    }
    // The stored form leaves out measures without data (no points); see StoredForm.
    result
        .path("explanation")
        .forEach(
            group ->
                group
                    .path("measures")
                    .properties()
                    .forEach(
                        measure ->
                            points.put(measure.getKey(), measure.getValue().path(5).asDouble())));
    for (JsonNode group : result.path("groups")) {
      for (JsonNode measure : group.path("measures")) {
        points.put(measure.path("id").asText(), measure.path("contribution").asDouble());
      }
    }
    return points;
  }

  private static BigDecimal median(List<BigDecimal> sorted) {
    return sorted.isEmpty() ? BigDecimal.ZERO : sorted.get(sorted.size() / 2);
  }

  private static String currency(String value) {
    return value == null ? "none" : value.trim();
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** One grouped row of latest scores. */
  record Row(
      String band,
      String currency,
      int accounts,
      BigDecimal arr,
      double scoreSum,
      int scored,
      int[] coverage) {}

  /** Rows added up into figures. */
  static final class Tally {
    private int accounts;
    private double scoreSum;
    private int scored;
    private final int[] coverage = new int[4];
    private final Map<String, Integer> bandAccounts = new LinkedHashMap<>();
    private final Map<String, Map<String, BigDecimal>> bandArr = new LinkedHashMap<>();

    Tally() {
      BANDS.forEach(
          b -> {
            bandAccounts.put(b, 0);
            bandArr.put(b, new TreeMap<>());
          });
    }

    void add(Row row) {
      count(row.band(), row.currency(), row.accounts(), row.arr());
      scoreSum += row.scoreSum();
      scored += row.scored();
      for (int i = 0; i < 4; i++) {
        coverage[i] += row.coverage()[i];
      }
    }

    /** Accounts and their ARR only (no scores or coverage). */
    void count(String band, String currency, int count, BigDecimal arr) {
      String key = band == null ? "unknown" : band;
      accounts += count;
      bandAccounts.merge(key, count, Integer::sum);
      if (arr != null && arr.signum() != 0) {
        bandArr.computeIfAbsent(key, k -> new TreeMap<>()).merge(currency, arr, BigDecimal::add);
      }
    }

    /** Everything as one cell (band is ignored). */
    BandFigures total() {
      Map<String, BigDecimal> arr = new TreeMap<>();
      bandArr.values().forEach(m -> m.forEach((k, v) -> arr.merge(k, v, BigDecimal::add)));
      return new BandFigures(accounts, arr);
    }

    Figures figures() {
      Map<String, BandFigures> bands = new LinkedHashMap<>();
      bandAccounts.forEach(
          (band, count) -> bands.put(band, new BandFigures(count, bandArr.get(band))));
      Map<String, BigDecimal> atRisk = new TreeMap<>();
      for (String band : List.of("red", "yellow")) {
        bandArr.get(band).forEach((k, v) -> atRisk.merge(k, v, BigDecimal::add));
      }
      Map<String, Integer> coverageBuckets = new LinkedHashMap<>();
      coverageBuckets.put("below25", coverage[0]);
      coverageBuckets.put("from25to50", coverage[1]);
      coverageBuckets.put("from50to75", coverage[2]);
      coverageBuckets.put("from75", coverage[3]);
      return new Figures(
          accounts, scored == 0 ? null : round(scoreSum / scored), bands, atRisk, coverageBuckets);
    }
  }
}
