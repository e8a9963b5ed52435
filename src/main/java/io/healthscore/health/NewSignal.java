package io.healthscore.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A validated signal ready to store; exactly one of {@code number} and {@code label} is set. */
public record NewSignal(
    String accountId,
    String key,
    Double number,
    String label,
    Instant observedAt,
    String source,
    String eventId) {

  /**
   * Signals without an eventId in a request sent with an Idempotency-Key get one from the key and
   * their position, so that even a retry that runs again (its first attempt died before its reply
   * was kept) stores each signal once.
   */
  public static List<NewSignal> identified(List<NewSignal> signals, String idempotencyKey) {
    if (idempotencyKey == null) {
      return signals;
    }
    List<NewSignal> identified = new ArrayList<>(signals.size());
    for (int i = 0; i < signals.size(); i++) {
      identified.add(signals.get(i).identified(idempotencyKey, i));
    }
    return identified;
  }

  /** This signal with an eventId derived from the request's Idempotency-Key when it has none. */
  public NewSignal identified(String idempotencyKey, int index) {
    return idempotencyKey == null || eventId != null
        ? this
        : new NewSignal(
            accountId,
            key,
            number,
            label,
            observedAt,
            source,
            "idem:" + idempotencyKey + ":" + index);
  }
}
