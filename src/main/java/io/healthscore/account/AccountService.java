package io.healthscore.account;

import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.HealthService;
import io.healthscore.health.NewSignal;
import io.healthscore.health.ScoreDetail;
import io.healthscore.health.StoredScore;
import io.healthscore.signal.SignalService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

@ApplicationScoped
public class AccountService {

  private final AccountStore accounts;
  private final SignalService signalService;
  private final HealthService health;
  private final Transactions transactions;

  public AccountService(
      AccountStore accounts,
      SignalService signalService,
      HealthService health,
      Transactions transactions) {
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

  public AccountView find(String tenantId, String accountId) throws SQLException {
    return transactions
        .inTenant(tenantId, c -> accounts.find(c, tenantId, accountId))
        .orElseThrow(() -> ApiProblem.notFound("No account " + accountId));
  }
}
