package io.healthscore.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.healthscore.account.BatchAccountInput;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.BatchItems;
import io.healthscore.common.FieldError;
import io.healthscore.common.Ids;
import io.healthscore.health.NewSignal;
import io.healthscore.outcome.BatchOutcomeInput;
import io.healthscore.outcome.OutcomeInput;
import io.healthscore.outcome.Outcomes;
import io.healthscore.signal.BatchSignalInput;
import io.healthscore.signal.SignalValidator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the lines of one upload into {@link StagedLine}s with the checks the batch endpoints apply
 * to their items (the same schemas, messages and signal-key catalog): NDJSON objects, or CSV
 * records under a header row, one record per line.
 */
final class LineParser {

  static final Set<String> TYPES = Set.of("account", "signal", "outcome");
  static final String ATTRIBUTE_PREFIX = "attributes.";
  private static final List<String> CSV_COLUMNS =
      List.of(
          "type",
          "accountId",
          "name",
          "arr",
          "currency",
          "renewalDate",
          "key",
          "value",
          "observedAt",
          "source",
          "eventId",
          "kind",
          "date",
          "arrBefore",
          "arrAfter",
          "note");
  private static final Set<String> ACCOUNT_COLUMNS =
      Set.of("accountId", "name", "arr", "currency", "renewalDate");
  private static final Set<String> SIGNAL_COLUMNS =
      Set.of("accountId", "key", "value", "observedAt", "source", "eventId");
  private static final Set<String> OUTCOME_COLUMNS =
      Set.of("accountId", "eventId", "kind", "date", "arrBefore", "arrAfter", "currency", "note");

  private final String tenantId;
  private final String defaultType;
  private final ObjectMapper json;
  private final BatchItems items;
  private final SignalValidator signals;
  private final Instant now;
  private final ObjectReader csvRecord;
  private List<String> header;

  LineParser(
      String tenantId,
      String defaultType,
      ObjectMapper json,
      BatchItems items,
      SignalValidator signals,
      Instant now) {
    this.tenantId = tenantId;
    this.defaultType = defaultType;
    this.json = json;
    this.items = items;
    this.signals = signals;
    this.now = now;
    // Without a schema, a CSV row reads as an array of its cells.
    this.csvRecord = new CsvMapper().readerForArrayOf(String.class);
  }

  /** An NDJSON line: one object, its kind in {@code type} or the upload's default. */
  StagedLine ndjson(String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      return StagedLine.rejected(null, "line", "not JSON: " + e.getOriginalMessage(), text);
    }
    if (node == null || !node.isObject()) {
      return StagedLine.rejected(null, "line", "must be a JSON object", text);
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode typeNode = object.remove("type");
    String type = typeNode == null ? defaultType : typeNode.asText();
    if (type == null || !TYPES.contains(type)) {
      return StagedLine.rejected(
          null,
          "type",
          typeNode == null
              ? "is required (or give the upload's type parameter)"
              : "must be account, signal or outcome",
          text);
    }
    return stage(type, object, text);
  }

  /**
   * Reads the CSV header row; an unknown column refuses the whole upload before anything is stored.
   */
  void csvHeader(String text) {
    List<String> columns;
    try {
      columns = List.of(csvRecord.<String[]>readValue(text));
    } catch (IOException e) {
      throw ApiProblem.invalid("header", "is not a CSV record: " + e.getMessage());
    }
    for (String column : columns) {
      if (!CSV_COLUMNS.contains(column)
          && !(column.startsWith(ATTRIBUTE_PREFIX)
              && column.length() > ATTRIBUTE_PREFIX.length())) {
        throw ApiProblem.invalid(
            "header",
            "unknown column '"
                + column
                + "'; the columns are "
                + String.join(", ", CSV_COLUMNS)
                + " and attributes.<name>");
      }
    }
    if (Set.copyOf(columns).size() != columns.size()) {
      throw ApiProblem.invalid("header", "names a column twice");
    }
    if (!columns.contains("type") && defaultType == null) {
      throw ApiProblem.invalid("type", "is required for a CSV file without a type column");
    }
    header = columns;
  }

  boolean hasHeader() {
    return header != null;
  }

  /** A CSV record under the header: its cells become the item the batch endpoints take. */
  StagedLine csv(String text) {
    String[] cells;
    try {
      cells = csvRecord.readValue(text);
    } catch (IOException e) {
      return StagedLine.rejected(null, "line", "not a CSV record: " + firstLine(e), text);
    }
    if (cells.length != header.size()) {
      return StagedLine.rejected(
          null, "line", "has " + cells.length + " fields; the header has " + header.size(), text);
    }
    String type = defaultType;
    ObjectNode object = json.createObjectNode();
    ObjectNode attributes = json.createObjectNode();
    List<String> given = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      String column = header.get(i);
      String cell = cells[i];
      if (cell.isEmpty()) {
        continue;
      }
      if (column.equals("type")) {
        type = cell;
      } else if (column.startsWith(ATTRIBUTE_PREFIX)) {
        attributes.put(column.substring(ATTRIBUTE_PREFIX.length()), cell);
      } else {
        given.add(column);
        object.put(column, cell);
      }
    }
    if (type == null || !TYPES.contains(type)) {
      return StagedLine.rejected(null, "type", "must be account, signal or outcome", text);
    }
    Set<String> allowed =
        switch (type) {
          case "account" -> ACCOUNT_COLUMNS;
          case "signal" -> SIGNAL_COLUMNS;
          default -> OUTCOME_COLUMNS;
        };
    for (String column : given) {
      if (!allowed.contains(column)) {
        return StagedLine.rejected(type, column, "is not a field of " + type + " lines", text);
      }
    }
    if (!attributes.isEmpty()) {
      if (!type.equals("account")) {
        return StagedLine.rejected(type, "attributes", "only account lines have attributes", text);
      }
      object.set("attributes", attributes);
    }
    if (type.equals("account") && object.has("arr")) {
      ObjectNode arr = json.createObjectNode();
      arr.set("amount", object.remove("arr"));
      JsonNode currency = object.remove("currency");
      if (currency != null) {
        arr.set("currency", currency);
      }
      object.set("arr", arr);
    }
    if (type.equals("signal") && object.has("value")) {
      object.set("value", typedValue(object.get("value").asText()));
    }
    return stage(type, object, text);
  }

  // A cell is text; a signal's value is a number, a boolean or a label, as the key's type wants.
  private JsonNode typedValue(String cell) {
    if (cell.equals("true") || cell.equals("false")) {
      return json.getNodeFactory().booleanNode(cell.equals("true"));
    }
    try {
      return json.getNodeFactory().numberNode(Double.parseDouble(cell));
    } catch (NumberFormatException e) {
      return json.getNodeFactory().textNode(cell);
    }
  }

  private StagedLine stage(String type, ObjectNode object, String raw) {
    try {
      return switch (type) {
        case "account" -> account(object);
        case "signal" -> signal(object);
        default -> outcome(object);
      };
    } catch (ApiProblem invalid) {
      List<FieldError> errors = invalid.errors();
      if (errors.isEmpty()) {
        return StagedLine.rejected(type, "line", invalid.getMessage(), raw);
      }
      return StagedLine.rejected(
          type,
          field(errors.get(0).field()),
          errors.stream()
              .map(e -> errors.size() == 1 ? e.message() : field(e.field()) + ": " + e.message())
              .collect(Collectors.joining("; ")),
          raw);
    }
  }

  private StagedLine account(ObjectNode object) {
    BatchAccountInput in = items.read(object, BatchAccountInput.class, "line");
    checkAccountId(in.accountId());
    items.check(in.upsert(), "line");
    String attributes;
    try {
      attributes = in.attributes() == null ? null : json.writeValueAsString(in.attributes());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a map of strings always writes
    }
    return StagedLine.account(
        in.accountId(),
        in.name(),
        attributes,
        in.arr() == null ? null : in.arr().amount(),
        in.arr() == null ? null : in.arr().currency(),
        in.renewalDate());
  }

  private StagedLine signal(ObjectNode object) {
    BatchSignalInput in = items.read(object, BatchSignalInput.class, "line");
    checkAccountId(in.accountId());
    SignalValidator.Checked checked =
        signals.check(tenantId, in.accountId(), in.signal(), "line", now);
    if (!checked.errors().isEmpty()) {
      throw ApiProblem.invalid(checked.errors());
    }
    NewSignal s = checked.signal();
    return StagedLine.signal(
        s.accountId(), s.key(), s.number(), s.label(), s.observedAt(), s.source(), s.eventId());
  }

  private StagedLine outcome(ObjectNode object) {
    BatchOutcomeInput in = items.read(object, BatchOutcomeInput.class, "line");
    checkAccountId(in.accountId());
    OutcomeInput outcome = in.outcome();
    items.check(outcome, "line");
    Outcomes.check(outcome);
    return StagedLine.outcome(
        in.accountId(),
        outcome.eventId(),
        outcome.kind(),
        outcome.date(),
        outcome.arrBefore(),
        outcome.arrAfter(),
        outcome.currency(),
        outcome.note());
  }

  private static void checkAccountId(String accountId) {
    if (accountId == null) {
      throw ApiProblem.invalid("accountId", "is required");
    }
    if (!Ids.isAccountId(accountId)) {
      throw ApiProblem.invalid("accountId", Ids.ACCOUNT_ID_MESSAGE);
    }
  }

  private static String field(String path) {
    return path.startsWith("line.") ? path.substring("line.".length()) : path;
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
