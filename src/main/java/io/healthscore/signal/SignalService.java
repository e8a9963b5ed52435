package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.BatchItems;
import io.healthscore.common.FieldError;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Transactions;
import io.healthscore.health.HealthService;
import io.healthscore.health.NewSignal;
import io.healthscore.health.ScoreDetail;
import io.healthscore.health.StoredScore;
import io.healthscore.signal.SignalValidator.Checked;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Appends signals and re-scores the accounts they belong to, in one transaction. */
@ApplicationScoped
public class SignalService {

  private final SignalValidator validator;
  private final Limits limits;
  private final HealthService health;
  private final Transactions transactions;
  private final BatchItems batchItems;

  public SignalService(
      SignalValidator validator,
      HealthService health,
      Transactions transactions,
      BatchItems batchItems,
      Limits limits) {
    this.limits = limits;
    this.validator = validator;
    this.health = health;
    this.transactions = transactions;
    this.batchItems = batchItems;
  }

  /** All signals valid, or a 400 problem naming every invalid field; nothing is written then. */
  public List<NewSignal> validateAll(
      String tenantId, String accountId, List<SignalInput> inputs, String path, Instant now) {
    limits.checkSignals(path, inputs.size());
    List<NewSignal> valid = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Checked checked =
          validator.check(tenantId, accountId, inputs.get(i), path + "[" + i + "]", now);
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

  public SignalsAccepted append(
      String tenantId,
      String accountId,
      List<SignalInput> inputs,
      String idempotencyKey,
      ScoreDetail detail)
      throws SQLException {
    Instant now = Instant.now();
    List<NewSignal> valid =
        NewSignal.identified(
            validateAll(tenantId, accountId, inputs, "signals", now), idempotencyKey);
    HealthService.Ingested ingested =
        transactions.tenantNamedByWork(
            c ->
                health.ingest(
                    c, tenantId, new TreeSet<>(List.of(accountId)), valid, "signals", now));
    StoredScore score = health.committed(ingested, accountId);
    return new SignalsAccepted(
        accountId,
        ingested.accepted(),
        ingested.duplicates(),
        new RawValue(health.reply(score, detail)));
  }

  public BatchResult appendBatch(String tenantId, List<JsonNode> items, String idempotencyKey)
      throws SQLException {
    limits.checkSignals("signals", items.size());
    Instant now = Instant.now();
    List<NewSignal> valid = new ArrayList<>();
    List<BatchItems.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "signals[" + i + "]";
      BatchSignalInput item;
      try {
        item = batchItems.read(items.get(i), BatchSignalInput.class, path);
      } catch (ApiProblem problem) {
        rejected.add(new BatchItems.Rejected(i, problem.errors()));
        continue;
      }
      List<FieldError> errors = new ArrayList<>();
      if (!Ids.isAccountId(item.accountId())) {
        errors.add(new FieldError(path + ".accountId", Ids.ACCOUNT_ID_MESSAGE));
      }
      Checked checked = validator.check(tenantId, item.accountId(), item.signal(), path, now);
      errors.addAll(checked.errors());
      if (errors.isEmpty()) {
        valid.add(checked.signal().identified(idempotencyKey, i));
      } else {
        rejected.add(new BatchItems.Rejected(i, errors));
      }
    }
    TreeSet<String> accountIds = new TreeSet<>();
    valid.forEach(s -> accountIds.add(s.accountId()));
    if (accountIds.isEmpty()) {
      return new BatchResult(0, 0, 0, rejected);
    }
    HealthService.Ingested ingested =
        health.committed(
            transactions.tenantNamedByWork(
                c -> health.ingest(c, tenantId, accountIds, valid, "batch", now)));
    return new BatchResult(
        ingested.accepted(), ingested.duplicates(), ingested.accountsScored(), rejected);
  }
}
