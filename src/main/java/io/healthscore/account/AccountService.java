package io.healthscore.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.BatchItems;
import io.healthscore.common.FieldError;
import io.healthscore.common.Ids;
import io.healthscore.common.Transactions;
import io.healthscore.health.HealthService;
import io.healthscore.health.NewSignal;
import io.healthscore.health.ScoreDetail;
import io.healthscore.health.StoredScore;
import io.healthscore.signal.SignalService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

@ApplicationScoped
public class AccountService {

  private final AccountStore accounts;
  private final SignalService signalService;
  private final HealthService health;
  private final Transactions transactions;
  private final BatchItems batchItems;

  public AccountService(
      AccountStore accounts,
      SignalService signalService,
      HealthService health,
      Transactions transactions,
      BatchItems batchItems) {
    this.batchItems = batchItems;
    this.accounts = accounts;
    this.signalService = signalService;
    this.health = health;
    this.transactions = transactions;
  }

  /** Creates or replaces the account, appends its signals and returns it with its new score. */
  public AccountWithHealth upsert(
      String tenantId,
      String accountId,
      AccountUpsert update,
      String idempotencyKey,
      ScoreDetail detail)
      throws SQLException {
    Instant now = Instant.now();
    List<NewSignal> valid =
        NewSignal.identified(
            signalService.validateAll(
                tenantId,
                accountId,
                update.signals() == null ? List.of() : update.signals(),
                "signals",
                now),
            idempotencyKey);
    record Upserted(AccountView account, HealthService.Ingested ingested) {}
    Upserted upserted =
        transactions.inTenant(
            tenantId,
            c ->
                new Upserted(
                    accounts.upsert(c, tenantId, accountId, update),
                    health.ingest(
                        c,
                        tenantId,
                        new TreeSet<>(List.of(accountId)),
                        valid,
                        "account_upsert",
                        now)));
    StoredScore score = health.committed(upserted.ingested(), accountId);
    return new AccountWithHealth(upserted.account(), new RawValue(health.reply(score, detail)));
  }

  /** What a batch did: accounts created or replaced, accounts re-scored, items refused. */
  public record BatchUpserted(
      int upserted, int accountsScored, List<BatchItems.Rejected> rejected) {}

  /**
   * Creates or replaces the valid accounts of a batch in one transaction (rows locked in id order,
   * so concurrent batches cannot deadlock) and re-scores them once, together; invalid items are
   * refused by index. An account given twice keeps its last state.
   */
  public BatchUpserted upsertAll(String tenantId, List<JsonNode> items) throws SQLException {
    Map<String, AccountUpsert> valid = new TreeMap<>();
    List<BatchItems.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "accounts[" + i + "]";
      try {
        BatchAccountInput item = batchItems.read(items.get(i), BatchAccountInput.class, path);
        if (!Ids.isAccountId(item.accountId())) {
          throw ApiProblem.invalid(
              List.of(new FieldError(path + ".accountId", Ids.ACCOUNT_ID_MESSAGE)));
        }
        batchItems.check(item.upsert(), path);
        valid.put(item.accountId(), item.upsert());
      } catch (ApiProblem invalid) {
        rejected.add(new BatchItems.Rejected(i, invalid.errors()));
      }
    }
    if (valid.isEmpty()) {
      return new BatchUpserted(0, 0, rejected);
    }
    Instant now = Instant.now();
    HealthService.Ingested ingested =
        health.committed(
            transactions.inTenant(
                tenantId,
                c -> {
                  for (Map.Entry<String, AccountUpsert> account : valid.entrySet()) {
                    accounts.upsert(c, tenantId, account.getKey(), account.getValue());
                  }
                  return health.ingest(
                      c, tenantId, new TreeSet<>(valid.keySet()), List.of(), "account_upsert", now);
                }));
    return new BatchUpserted(valid.size(), ingested.accountsScored(), rejected);
  }

  public AccountView find(String tenantId, String accountId) throws SQLException {
    return transactions
        .inTenant(tenantId, c -> accounts.find(c, tenantId, accountId))
        .orElseThrow(() -> ApiProblem.notFound("No account " + accountId));
  }
}
