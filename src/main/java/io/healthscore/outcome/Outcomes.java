package io.healthscore.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.BatchItems;
import io.healthscore.common.FieldError;
import io.healthscore.common.Ids;
import io.healthscore.common.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renewal outcomes. Idempotent by eventId per account; the newest outcome (by date) sets the
 * account's ARR, so churn and contraction show in every revenue figure at once.
 */
@ApplicationScoped
public class Outcomes {

  /** The stored outcome, and whether this request stored it (false: a repeated eventId). */
  public record Recorded(OutcomeView outcome, boolean created) {}

  private static final String COLUMNS =
      "account_id, event_id, kind, occurred_on, arr_before, arr_after, currency, note, created_at";
  private static final String LOCK_ACCOUNT =
      """
      select arr_currency from account where tenant_id = ? and account_id = ? for update
      """;
  private static final String INSERT =
      """
      insert into account_outcome (tenant_id, account_id, event_id, kind, occurred_on,
                                   arr_before, arr_after, currency, note)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (tenant_id, account_id, event_id) do nothing
      returning\s\
      """
          + COLUMNS;
  private static final String BY_EVENT =
      "select "
          + COLUMNS
          + " from account_outcome where tenant_id = ? and account_id = ? and event_id = ?";
  private static final String LIST =
      "select "
          + COLUMNS
          + " from account_outcome where tenant_id = ? and account_id = ?"
          + " order by occurred_on desc, outcome_id desc";
  // The newest outcome by date decides the account's ARR.
  private static final String SET_ARR =
      """
      update account set arr_amount = ?, arr_currency = ?, updated_at = now()
      where tenant_id = ? and account_id = ?
        and not exists (select 1 from account_outcome o where o.tenant_id = account.tenant_id
                        and o.account_id = account.account_id and o.occurred_on > ?)
      """;

  private final Transactions transactions;
  private final BatchItems batchItems;

  public Outcomes(Transactions transactions, BatchItems batchItems) {
    this.transactions = transactions;
    this.batchItems = batchItems;
  }

  public Recorded record(String tenantId, String accountId, OutcomeInput input)
      throws SQLException {
    check(input);
    return transactions.inTenant(tenantId, c -> apply(c, tenantId, accountId, input));
  }

  /** One outcome of a batch: its index in the request, its account, the outcome. */
  record Item(int index, String accountId, OutcomeInput input) {}

  /** What a batch stored: outcomes recorded, repeated eventIds, items refused by index. */
  public record BatchRecorded(int recorded, int duplicates, List<BatchItems.Rejected> rejected) {}

  /**
   * Reads and checks each item of a batch on its own (as POST /v1/accounts/{id}/outcomes checks its
   * body), records the valid ones ({@link #recordAll}) and reports every other by index.
   */
  public BatchRecorded recordBatch(String tenantId, List<JsonNode> items) throws SQLException {
    List<Item> valid = new ArrayList<>();
    List<BatchItems.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "outcomes[" + i + "]";
      try {
        BatchOutcomeInput item = batchItems.read(items.get(i), BatchOutcomeInput.class, path);
        if (!Ids.isAccountId(item.accountId())) {
          throw ApiProblem.invalid(
              List.of(new FieldError(path + ".accountId", Ids.ACCOUNT_ID_MESSAGE)));
        }
        OutcomeInput outcome = item.outcome();
        batchItems.check(outcome, path);
        try {
          check(outcome);
        } catch (ApiProblem wrong) {
          throw ApiProblem.invalid(
              wrong.errors().stream()
                  .map(e -> new FieldError(path + "." + e.field(), e.message()))
                  .toList());
        }
        valid.add(new Item(i, item.accountId(), outcome));
      } catch (ApiProblem invalid) {
        rejected.add(new BatchItems.Rejected(i, invalid.errors()));
      }
    }
    BatchRecorded recorded =
        valid.isEmpty() ? new BatchRecorded(0, 0, List.of()) : recordAll(tenantId, valid);
    rejected.addAll(recorded.rejected());
    rejected.sort(Comparator.comparingInt(BatchItems.Rejected::index));
    return new BatchRecorded(recorded.recorded(), recorded.duplicates(), rejected);
  }

  /**
   * Records checked outcomes of many accounts in one transaction, accounts locked in id order (so
   * that concurrent batches cannot deadlock). An item whose account does not exist, or that has no
   * currency to take, is refused by its index; the others are recorded.
   */
  private BatchRecorded recordAll(String tenantId, List<Item> items) throws SQLException {
    List<Item> ordered =
        items.stream()
            .sorted(Comparator.comparing(Item::accountId).thenComparing(Item::index))
            .toList();
    return transactions.inTenant(
        tenantId,
        c -> {
          int recorded = 0;
          int duplicates = 0;
          List<BatchItems.Rejected> rejected = new ArrayList<>();
          for (Item item : ordered) {
            try {
              if (apply(c, tenantId, item.accountId(), item.input()).created()) {
                recorded++;
              } else {
                duplicates++;
              }
            } catch (ApiProblem refused) {
              String path = "outcomes[" + item.index() + "]";
              rejected.add(
                  new BatchItems.Rejected(
                      item.index(),
                      refused.errors().isEmpty()
                          ? List.of(new FieldError(path + ".accountId", "no such account"))
                          : refused.errors().stream()
                              .map(e -> new FieldError(path + "." + e.field(), e.message()))
                              .toList()));
            }
          }
          return new BatchRecorded(recorded, duplicates, rejected);
        });
  }

  private Recorded apply(Connection c, String tenantId, String accountId, OutcomeInput input)
      throws SQLException {
    String accountCurrency;
    try (PreparedStatement ps = c.prepareStatement(LOCK_ACCOUNT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiProblem.notFound("No account " + accountId);
        }
        accountCurrency = rs.getString(1);
      }
    }
    String currency = input.currency() != null ? input.currency() : accountCurrency;
    if (currency == null) {
      throw ApiProblem.invalid("currency", "is required: the account has no ARR currency");
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      ps.setString(3, input.eventId());
      ps.setString(4, input.kind());
      ps.setDate(5, Date.valueOf(input.date()));
      ps.setBigDecimal(6, input.arrBefore());
      ps.setBigDecimal(7, input.arrAfter());
      ps.setString(8, currency);
      ps.setString(9, input.note());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Recorded(existing(c, tenantId, accountId, input.eventId()), false);
        }
        OutcomeView stored = view(rs);
        setArr(c, tenantId, accountId, stored);
        return new Recorded(stored, true);
      }
    }
  }

  public List<OutcomeView> list(String tenantId, String accountId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          List<OutcomeView> outcomes = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, tenantId);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                outcomes.add(view(rs));
              }
            }
          }
          if (outcomes.isEmpty() && !accountExists(c, tenantId, accountId)) {
            throw ApiProblem.notFound("No account " + accountId);
          }
          return outcomes;
        });
  }

  /** The ARR movement each kind means; anything else is a 400 naming the fields. */
  /** Refuses an ARR movement that its kind does not allow, naming the field. */
  public static void check(OutcomeInput in) {
    BigDecimal before = in.arrBefore();
    BigDecimal after = in.arrAfter();
    String problem =
        switch (in.kind()) {
          case "churned" -> after.signum() == 0 ? null : "must be 0 for churned";
          case "renewed" ->
              after.compareTo(before) == 0
                  ? null
                  : "must equal arrBefore for renewed (use expanded or contracted)";
          case "expanded" ->
              after.compareTo(before) > 0 ? null : "must be above arrBefore for expanded";
          case "contracted" ->
              after.compareTo(before) < 0 && after.signum() > 0
                  ? null
                  : "must be below arrBefore and above 0 for contracted (0 is churned)";
          case "reactivated" -> after.signum() > 0 ? null : "must be above 0 for reactivated";
          default -> null;
        };
    if (problem != null) {
      throw ApiProblem.invalid(List.of(new FieldError("arrAfter", problem)));
    }
    if ("reactivated".equals(in.kind()) && before.signum() != 0) {
      throw ApiProblem.invalid("arrBefore", "must be 0 for reactivated");
    }
  }

  private static void setArr(Connection c, String tenantId, String accountId, OutcomeView o)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SET_ARR)) {
      ps.setBigDecimal(1, o.arrAfter());
      ps.setString(2, o.currency());
      ps.setString(3, tenantId);
      ps.setString(4, accountId);
      ps.setDate(5, Date.valueOf(o.date()));
      ps.executeUpdate();
    }
  }

  private static OutcomeView existing(
      Connection c, String tenantId, String accountId, String eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BY_EVENT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      ps.setString(3, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return view(rs);
      }
    }
  }

  private static boolean accountExists(Connection c, String tenantId, String accountId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select 1 from account where tenant_id = ? and account_id = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static OutcomeView view(ResultSet rs) throws SQLException {
    return new OutcomeView(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getDate(4).toLocalDate(),
        rs.getBigDecimal(5),
        rs.getBigDecimal(6),
        rs.getString(7).trim(),
        rs.getString(8),
        rs.getTimestamp(9).toInstant());
  }
}
