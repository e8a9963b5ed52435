package io.healthscore.signal;

import java.time.Instant;

/** A validated signal ready to store; exactly one of {@code number} and {@code label} is set. */
public record NewSignal(String accountId, String key, Double number, String label,
    Instant observedAt, String source, String eventId) {}
