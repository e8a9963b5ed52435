package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.FieldError;
import io.healthscore.common.Transactions;
import io.healthscore.scoring.SignalDefinition;
import io.healthscore.scoring.SignalType;
import io.healthscore.scoring.StandardSignals;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal keys a tenant can send: the standard ones and those it defined. Custom keys are held
 * in memory per tenant; a key this instance does not know is looked up again (at most once a second
 * per tenant), so a key defined through another instance is accepted here too.
 */
@ApplicationScoped
public class SignalKeys {

  public static final String KEY_PATTERN = "[a-z][a-z0-9_]{0,63}";
  static final int MAX_LABELS = 50;
  public static final long RELOAD_INTERVAL_NANOS = 1_000_000_000L;
  static final Set<String> INGREDIENTS =
      Set.of(
          "csm_sentiment",
          "customer_sentiment",
          "engagement",
          "advocacy",
          "adoption",
          "outcomes",
          "support");
  static final Set<String> DEAR = Set.of("deployment", "engagement", "adoption", "roi");

  private static final String SELECT =
      """
      select key, type, min_value, max_value, integer_only, labels::text, unit, ingredient, dear,
             description
      from signal_key where tenant_id = ? order by key
      """;

  private static final String UPSERT =
      """
      insert into signal_key (tenant_id, key, type, min_value, max_value, integer_only, labels,
                              unit, ingredient, dear, description)
      values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
      on conflict (tenant_id, key) do update set
        min_value = excluded.min_value, max_value = excluded.max_value,
        integer_only = excluded.integer_only, labels = excluded.labels, unit = excluded.unit,
        ingredient = excluded.ingredient, dear = excluded.dear,
        description = excluded.description, updated_at = now()
      where signal_key.type = excluded.type
      """;

  private record Custom(Map<String, SignalDefinition> byKey, long loadedAt) {}

  private final Map<String, Custom> custom = new ConcurrentHashMap<>();
  private final Transactions transactions;
  private final ObjectMapper json;

  public SignalKeys(Transactions transactions, ObjectMapper json) {
    this.transactions = transactions;
    this.json = json;
  }

  /** True when the tenant's own keys are in memory (checking a signal needs no database). */
  public boolean isLoaded(String tenantId) {
    return custom.containsKey(tenantId);
  }

  /** The key's definition, standard or the tenant's own. */
  public Optional<SignalDefinition> find(String tenantId, String key) {
    Optional<SignalDefinition> standard = StandardSignals.find(key);
    if (standard.isPresent()) {
      return standard;
    }
    Custom known = custom.get(tenantId);
    SignalDefinition definition = known == null ? null : known.byKey().get(key);
    if (definition == null
        && BlockingOperationControl.isBlockingAllowed()
        && (known == null || System.nanoTime() - known.loadedAt() > RELOAD_INTERVAL_NANOS)) {
      definition = reload(tenantId).byKey().get(key);
    }
    return Optional.ofNullable(definition);
  }

  /** Every key the tenant can send: standard ones first, then its own by key. */
  public List<SignalDefinition> all(String tenantId) {
    List<SignalDefinition> all = new ArrayList<>(StandardSignals.all());
    reload(tenantId).byKey().values().stream()
        .sorted(Comparator.comparing(SignalDefinition::key))
        .forEach(all::add);
    return all;
  }

  public boolean isCustom(String key) {
    return StandardSignals.find(key).isEmpty();
  }

  /**
   * Defines or redefines a custom key; its type cannot change once defined (stored signals and
   * scorecards rely on it).
   */
  public SignalDefinition define(String tenantId, String key, SignalKeyDefinition body)
      throws SQLException {
    SignalDefinition definition = validate(key, body);
    int stored = transactions.inTenant(tenantId, c -> upsert(c, tenantId, definition));
    if (stored == 0) {
      throw ApiProblem.conflict(
          "Signal key "
              + key
              + " is a "
              + find(tenantId, key)
                  .map(d -> d.type().name().toLowerCase(Locale.ROOT))
                  .orElse("different")
              + " key; its type cannot change");
    }
    reload(tenantId);
    return definition;
  }

  private static SignalDefinition validate(String key, SignalKeyDefinition body) {
    List<FieldError> errors = new ArrayList<>();
    if (key == null || !key.matches(KEY_PATTERN)) {
      errors.add(
          new FieldError(
              "key", "must be 1-64 lowercase letters, digits or '_', " + "starting with a letter"));
    } else if (StandardSignals.find(key).isPresent()) {
      errors.add(new FieldError("key", "is a standard key and cannot be redefined"));
    }
    if (body == null) {
      throw ApiProblem.invalid("body", "is required");
    }
    SignalType type =
        switch (body.type() == null ? "" : body.type()) {
          case "number" -> SignalType.NUMBER;
          case "label" -> SignalType.LABEL;
          case "boolean" -> SignalType.BOOLEAN;
          default -> {
            errors.add(new FieldError("type", "must be number, label or boolean"));
            yield null;
          }
        };
    boolean number = type == SignalType.NUMBER;
    if (!number && (body.min() != null || body.max() != null || body.integer() != null)) {
      errors.add(new FieldError("min", "min, max and integer apply to number keys only"));
    }
    if (number
        && ((body.min() != null && !Double.isFinite(body.min()))
            || (body.max() != null && !Double.isFinite(body.max()))
            || (body.min() != null && body.max() != null && !(body.min() < body.max())))) {
      errors.add(new FieldError("max", "must be finite and greater than min"));
    }
    List<String> labels = body.labels() == null ? List.of() : body.labels();
    if (type == SignalType.LABEL) {
      Set<String> distinct = new HashSet<>();
      boolean valid = !labels.isEmpty() && labels.size() <= MAX_LABELS;
      for (String label : labels) {
        valid &= label != null && !label.isBlank() && label.length() <= 100 && distinct.add(label);
      }
      if (!valid) {
        errors.add(
            new FieldError(
                "labels",
                "must list 1-"
                    + MAX_LABELS
                    + " distinct, non-blank labels of at most 100 characters"));
      }
    } else if (!labels.isEmpty()) {
      errors.add(new FieldError("labels", "apply to label keys only"));
    }
    checkText(body.unit(), "unit", 50, errors);
    checkText(body.description(), "description", 500, errors);
    if (body.ingredient() != null && !INGREDIENTS.contains(body.ingredient())) {
      errors.add(
          new FieldError("ingredient", "must be one of " + INGREDIENTS.stream().sorted().toList()));
    }
    if (body.dear() != null && !DEAR.contains(body.dear())) {
      errors.add(new FieldError("dear", "must be one of deployment, engagement, adoption, roi"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    return new SignalDefinition(
        key,
        type,
        number ? body.min() : null,
        number ? body.max() : null,
        number && Boolean.TRUE.equals(body.integer()),
        labels,
        body.unit(),
        body.ingredient(),
        body.dear(),
        body.description());
  }

  private static void checkText(String value, String field, int max, List<FieldError> errors) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private int upsert(Connection c, String tenantId, SignalDefinition d) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, tenantId);
      ps.setString(2, d.key());
      ps.setString(3, d.type().name().toLowerCase(Locale.ROOT));
      ps.setObject(4, d.min(), Types.DOUBLE);
      ps.setObject(5, d.max(), Types.DOUBLE);
      ps.setBoolean(6, d.integer());
      ps.setString(7, write(d.labels()));
      ps.setString(8, d.unit());
      ps.setString(9, d.ingredient());
      ps.setString(10, d.dear());
      ps.setString(11, d.description());
      return ps.executeUpdate();
    }
  }

  private Custom reload(String tenantId) {
    Map<String, SignalDefinition> byKey = new LinkedHashMap<>();
    try {
      transactions.inTenant(
          tenantId,
          c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
              ps.setString(1, tenantId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  byKey.put(
                      rs.getString(1),
                      new SignalDefinition(
                          rs.getString(1),
                          SignalType.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                          (Double) rs.getObject(3),
                          (Double) rs.getObject(4),
                          rs.getBoolean(5),
                          readLabels(rs.getString(6)),
                          rs.getString(7),
                          rs.getString(8),
                          rs.getString(9),
                          rs.getString(10)));
                }
              }
            }
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read signal keys", e);
    }
    Custom loaded = new Custom(Map.copyOf(byKey), System.nanoTime());
    custom.put(tenantId, loaded);
    return loaded;
  }

  private List<String> readLabels(String labels) {
    try {
      return json.readValue(labels, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(List<String> labels) {
    try {
      return json.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
