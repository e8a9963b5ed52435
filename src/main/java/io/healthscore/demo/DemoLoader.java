package io.healthscore.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.account.AccountService;
import io.healthscore.account.AccountUpsert;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.Money;
import io.healthscore.health.ScoreDetail;
import io.healthscore.outcome.OutcomeInput;
import io.healthscore.outcome.Outcomes;
import io.healthscore.signal.SignalService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads {@link DemoData} into an empty tenant through the service's own write paths. */
@ApplicationScoped
public class DemoLoader {

  /** What was loaded. */
  public record Loaded(int accounts, int signals, int outcomes) {}

  private final Transactions transactions;
  private final AccountService accounts;
  private final SignalService signals;
  private final Outcomes outcomes;
  private final ObjectMapper json;

  public DemoLoader(
      Transactions transactions,
      AccountService accounts,
      SignalService signals,
      Outcomes outcomes,
      ObjectMapper json) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.signals = signals;
    this.outcomes = outcomes;
    this.json = json;
  }

  public Loaded load(String tenantId, int count, long seed) throws SQLException {
    if (hasAccounts(tenantId)) {
      throw ApiProblem.conflict(
          "Demo data loads into a tenant without accounts only; this " + "tenant has some");
    }
    DemoData.Portfolio portfolio = DemoData.generate(count, seed, Instant.now());
    for (DemoData.Account a : portfolio.accounts()) {
      accounts.upsert(
          tenantId,
          a.id(),
          new AccountUpsert(
              a.name(), a.attributes(), new Money(a.arr(), "USD"), a.renewalDate(), null),
          null,
          ScoreDetail.SUMMARY);
    }
    List<JsonNode> batch = new ArrayList<>();
    for (DemoData.Signal s : portfolio.signals()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("accountId", s.accountId());
      item.put("key", s.key());
      item.put("value", s.value());
      item.put("observedAt", s.observedAt().atOffset(ZoneOffset.UTC).toString());
      item.put("source", "demo");
      item.put("eventId", s.eventId());
      batch.add(json.valueToTree(item));
      if (batch.size() == 1000) {
        signals.appendBatch(tenantId, batch, null);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      signals.appendBatch(tenantId, batch, null);
    }
    for (DemoData.Outcome o : portfolio.outcomes()) {
      outcomes.record(
          tenantId,
          o.accountId(),
          new OutcomeInput(
              o.eventId(), o.kind(), o.date(), o.arrBefore(), o.arrAfter(), "USD", null));
    }
    return new Loaded(
        portfolio.accounts().size(), portfolio.signals().size(), portfolio.outcomes().size());
  }

  private boolean hasAccounts(String tenantId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select 1 from account where tenant_id = ? limit 1")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }
}
