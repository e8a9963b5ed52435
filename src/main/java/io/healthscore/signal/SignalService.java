package io.healthscore.signal;

import io.healthscore.account.AccountStore;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.FieldError;
import io.healthscore.common.Ids;
import io.healthscore.health.HealthService;
import io.healthscore.health.HealthView;
import io.healthscore.signal.SignalValidator.Checked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Appends signals and re-scores the accounts they belong to, in one transaction. */
@ApplicationScoped
public class SignalService {

  private final SignalValidator validator;
  private final SignalStore signals;
  private final AccountStore accounts;
  private final HealthService health;

  public SignalService(SignalValidator validator, SignalStore signals, AccountStore accounts,
      HealthService health) {
    this.validator = validator;
    this.signals = signals;
    this.accounts = accounts;
    this.health = health;
  }

  /** All signals valid, or a 400 problem naming every invalid field; nothing is written then. */
  public List<NewSignal> validateAll(String accountId, List<SignalInput> inputs, String path,
      Instant now) {
    List<NewSignal> valid = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Checked checked = validator.check(accountId, inputs.get(i), path + "[" + i + "]", now);
      errors.addAll(checked.errors());
      if (checked.signal() != null) {
        valid.add(checked.signal());
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    return valid;
  }

  @Transactional(rollbackOn = Exception.class)
  public SignalsAccepted append(String tenantId, String accountId, List<SignalInput> inputs)
      throws SQLException {
    Instant now = validator.now();
    List<NewSignal> valid = validateAll(accountId, inputs, "signals", now);
    accounts.lockOrCreate(tenantId, List.of(accountId));
    int accepted = signals.insert(tenantId, valid);
    HealthView view = health.rescore(tenantId, List.of(accountId), "signals", now).get(accountId);
    return new SignalsAccepted(accountId, accepted, valid.size() - accepted, view);
  }

  @Transactional(rollbackOn = Exception.class)
  public BatchResult appendBatch(String tenantId, List<BatchSignalInput> items)
      throws SQLException {
    Instant now = validator.now();
    List<NewSignal> valid = new ArrayList<>();
    List<BatchResult.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "signals[" + i + "]";
      BatchSignalInput item = items.get(i);
      if (item == null) {
        rejected.add(new BatchResult.Rejected(i, List.of(new FieldError(path, "must not be null"))));
        continue;
      }
      List<FieldError> errors = new ArrayList<>();
      if (!Ids.isAccountId(item.accountId())) {
        errors.add(new FieldError(path + ".accountId", Ids.ACCOUNT_ID_MESSAGE));
      }
      Checked checked = validator.check(item.accountId(), item.signal(), path, now);
      errors.addAll(checked.errors());
      if (errors.isEmpty()) {
        valid.add(checked.signal());
      } else {
        rejected.add(new BatchResult.Rejected(i, errors));
      }
    }
    TreeSet<String> accountIds = new TreeSet<>();
    valid.forEach(s -> accountIds.add(s.accountId()));
    if (accountIds.isEmpty()) {
      return new BatchResult(0, 0, 0, rejected);
    }
    accounts.lockOrCreate(tenantId, accountIds);
    int accepted = signals.insert(tenantId, valid);
    health.rescore(tenantId, accountIds, "batch", now);
    return new BatchResult(accepted, valid.size() - accepted, accountIds.size(), rejected);
  }
}
