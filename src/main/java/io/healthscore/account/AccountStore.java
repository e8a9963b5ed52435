package io.healthscore.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.healthscore.health.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in the database. Every write takes the account's row lock, which serialises all writers
 * of one account until their transaction ends: that is what keeps concurrent updates from being
 * lost.
 */
@ApplicationScoped
public class AccountStore {

  private static final String UPSERT =
      """
      insert into account (tenant_id, account_id, name, attributes, arr_amount, arr_currency,
                           renewal_date)
      values (?, ?, ?, ?::jsonb, ?, ?, ?)
      on conflict (tenant_id, account_id) do update set
        name = excluded.name, attributes = excluded.attributes, arr_amount = excluded.arr_amount,
        arr_currency = excluded.arr_currency, renewal_date = excluded.renewal_date,
        updated_at = now()
      returning account_id, name, attributes::text, arr_amount, arr_currency, renewal_date,
                created_at, updated_at, status
      """;

  private static final String FIND =
      """
      select account_id, name, attributes::text, arr_amount, arr_currency, renewal_date,
             created_at, updated_at, status
      from account where tenant_id = ? and account_id = ?
      """;

  private final ObjectMapper json;
  private final ObjectReader attributesReader;

  public AccountStore(ObjectMapper json) {
    this.json = json;
    this.attributesReader = json.readerFor(new TypeReference<Map<String, String>>() {});
  }

  /** Creates or replaces the account and returns it as stored; holds its lock until commit. */
  public AccountView upsert(Connection c, String tenantId, String accountId, AccountUpsert update)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      ps.setString(3, update.name());
      ps.setString(4, write(update.attributes() == null ? Map.of() : update.attributes()));
      ps.setBigDecimal(5, update.arr() == null ? null : update.arr().amount());
      ps.setString(6, update.arr() == null ? null : update.arr().currency());
      ps.setDate(7, update.renewalDate() == null ? null : Date.valueOf(update.renewalDate()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return view(rs);
      }
    }
  }

  /** The account as stored, or empty when the tenant has none of that id. */
  public Optional<AccountView> find(Connection c, String tenantId, String accountId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private AccountView view(ResultSet rs) throws SQLException {
    BigDecimal arr = rs.getBigDecimal(4);
    Date renewal = rs.getDate(6);
    return new AccountView(
        rs.getString(1),
        rs.getString(2),
        attributes(rs.getString(3)),
        arr == null ? null : new Money(arr, rs.getString(5)),
        renewal == null ? null : renewal.toLocalDate(),
        rs.getString(9),
        rs.getTimestamp(7).toInstant(),
        rs.getTimestamp(8).toInstant());
  }

  private String write(Map<String, String> attributes) {
    try {
      return json.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Segment attributes as stored in the jsonb column. */
  public Map<String, String> attributes(String attributes) {
    try {
      return attributesReader.readValue(attributes);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
