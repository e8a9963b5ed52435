package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.common.FieldError;
import io.healthscore.health.NewSignal;
import io.healthscore.health.SignalKeys;
import io.healthscore.scoring.SignalDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks signals against the tenant's signal keys and turns valid ones into {@link NewSignal}s. */
@ApplicationScoped
public class SignalValidator {

  static final int MAX_SOURCE = 100;
  static final int MAX_EVENT_ID = 200;
  static final int MAX_LABEL = 100;

  private final Duration maxFutureSkew;
  private final SignalKeys keys;

  public SignalValidator(SignalConfig config, SignalKeys keys) {
    this.maxFutureSkew = config.maxFutureSkew();
    this.keys = keys;
  }

  /** The validation result of one signal: a {@link NewSignal} or the errors under {@code path}. */
  public record Checked(NewSignal signal, List<FieldError> errors) {}

  public Checked check(
      String tenantId, String accountId, SignalInput input, String path, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (input == null) {
      return new Checked(null, List.of(new FieldError(path, "must not be null")));
    }
    SignalDefinition definition = null;
    if (input.key() == null || input.key().isBlank()) {
      errors.add(new FieldError(path + ".key", "is required"));
    } else {
      definition = keys.find(tenantId, input.key()).orElse(null);
      if (definition == null) {
        errors.add(
            new FieldError(
                path + ".key",
                "unknown signal key; see GET /v1/signal-keys for the accepted keys"));
      }
    }
    Double number = null;
    String label = null;
    JsonNode value = input.value();
    if (value == null || value.isNull() || value.isMissingNode()) {
      errors.add(new FieldError(path + ".value", "is required"));
    } else if (definition != null) {
      String problem;
      if (value.isNumber()) {
        number = value.doubleValue();
        problem = definition.rejectNumber(number);
      } else if (value.isTextual()) {
        label = value.textValue();
        problem =
            label.length() > MAX_LABEL || label.indexOf('\u0000') >= 0
                ? "must be at most " + MAX_LABEL + " characters, without NUL"
                : definition.rejectLabel(label);
      } else if (value.isBoolean()) {
        number = value.booleanValue() ? 1.0 : 0.0;
        problem = definition.rejectBoolean();
      } else {
        problem = "must be a number, a string or a boolean";
      }
      if (problem != null) {
        errors.add(new FieldError(path + ".value", problem));
      }
    }
    Instant observedAt = input.observedAt() == null ? now : input.observedAt().toInstant();
    if (observedAt.isAfter(now.plus(maxFutureSkew))) {
      errors.add(
          new FieldError(
              path + ".observedAt", "must not be more than " + maxFutureSkew + " in the future"));
    }
    // (Text fields never carry NUL here: JsonSettings refuses it while reading.)
    if (input.source() != null && input.source().length() > MAX_SOURCE) {
      errors.add(new FieldError(path + ".source", "must be at most " + MAX_SOURCE + " characters"));
    }
    if (input.eventId() != null
        && (input.eventId().isBlank() || input.eventId().length() > MAX_EVENT_ID)) {
      errors.add(
          new FieldError(path + ".eventId", "must be 1-" + MAX_EVENT_ID + " non-blank characters"));
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(
        new NewSignal(
            accountId,
            input.key(),
            label == null ? number : null,
            label,
            observedAt,
            input.source(),
            input.eventId()),
        List.of());
  }
}
