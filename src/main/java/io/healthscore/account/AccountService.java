package io.healthscore.account;

import io.healthscore.common.ApiProblem;
import io.healthscore.health.HealthService;
import io.healthscore.health.HealthView;
import io.healthscore.signal.NewSignal;
import io.healthscore.signal.SignalService;
import io.healthscore.signal.SignalStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class AccountService {

  private final AccountStore accounts;
  private final SignalService signalService;
  private final SignalStore signals;
  private final HealthService health;

  public AccountService(AccountStore accounts, SignalService signalService, SignalStore signals,
      HealthService health) {
    this.accounts = accounts;
    this.signalService = signalService;
    this.signals = signals;
    this.health = health;
  }

  /** Creates or replaces the account, appends its signals and returns it with its new score. */
  @Transactional(rollbackOn = Exception.class)
  public AccountWithHealth upsert(String tenantId, String accountId, AccountUpsert update)
      throws SQLException {
    Instant now = Instant.now();
    List<NewSignal> valid = signalService.validateAll(accountId,
        update.signals() == null ? List.of() : update.signals(), "signals", now);
    AccountView account = accounts.upsert(tenantId, accountId, update);
    signals.insert(tenantId, valid);
    HealthView view =
        health.rescore(tenantId, List.of(accountId), "account_upsert", now).get(accountId);
    return new AccountWithHealth(account, view);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public AccountView find(String tenantId, String accountId) {
    Account account = Account.findById(new Account.Key(tenantId, accountId));
    if (account == null) {
      throw ApiProblem.notFound("No account " + accountId);
    }
    return account.toView();
  }
}
