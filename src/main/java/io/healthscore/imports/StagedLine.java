package io.healthscore.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of an import as staged: the typed columns of an account, signal or outcome, or the
 * reason it was rejected while reading (field, message, and the line's start to find it by).
 */
record StagedLine(
    String type,
    String accountId,
    String key,
    Double number,
    String label,
    Instant observedAt,
    String source,
    String eventId,
    String name,
    String attributes,
    BigDecimal arrAmount,
    String currency,
    LocalDate renewalDate,
    String outcomeKind,
    LocalDate occurredOn,
    BigDecimal arrBefore,
    BigDecimal arrAfter,
    String note,
    String field,
    String message,
    String raw) {

  /** Characters of a rejected line kept to show it. */
  static final int RAW_SHOWN = 200;

  /** The columns COPY writes, in {@link #appendCopyRow} order. */
  static final String COLUMNS =
      "type, account_id, key, number_value, label_value, observed_at, source, event_id, name,"
          + " attributes, arr_amount, currency, renewal_date, outcome_kind, occurred_on,"
          + " arr_before, arr_after, note, status, field, message, raw";

  static StagedLine rejected(String type, String field, String message, String raw) {
    return new StagedLine(
        type,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        field,
        message,
        shown(raw));
  }

  static StagedLine account(
      String accountId,
      String name,
      String attributes,
      BigDecimal arrAmount,
      String currency,
      LocalDate renewalDate) {
    return new StagedLine(
        "account",
        accountId,
        null,
        null,
        null,
        null,
        null,
        null,
        name,
        attributes,
        arrAmount,
        currency,
        renewalDate,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static StagedLine signal(
      String accountId,
      String key,
      Double number,
      String label,
      Instant observedAt,
      String source,
      String eventId) {
    return new StagedLine(
        "signal",
        accountId,
        key,
        number,
        label,
        observedAt,
        source,
        eventId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static StagedLine outcome(
      String accountId,
      String eventId,
      String kind,
      LocalDate occurredOn,
      BigDecimal arrBefore,
      BigDecimal arrAfter,
      String currency,
      String note) {
    return new StagedLine(
        "outcome",
        accountId,
        null,
        null,
        null,
        null,
        null,
        eventId,
        null,
        null,
        null,
        currency,
        null,
        kind,
        occurredOn,
        arrBefore,
        arrAfter,
        note,
        null,
        null,
        null);
  }

  boolean isRejected() {
    return message != null;
  }

  /** Appends the line as a row of COPY's text format, preceded by its line number. */
  void appendCopyRow(StringBuilder out, long lineNo) {
    out.append(lineNo);
    column(out, type);
    column(out, accountId);
    column(out, key);
    column(out, number);
    column(out, label);
    column(out, observedAt);
    column(out, source);
    column(out, eventId);
    column(out, name);
    column(out, attributes);
    column(out, arrAmount == null ? null : arrAmount.toPlainString());
    column(out, currency);
    column(out, renewalDate);
    column(out, outcomeKind);
    column(out, occurredOn);
    column(out, arrBefore == null ? null : arrBefore.toPlainString());
    column(out, arrAfter == null ? null : arrAfter.toPlainString());
    column(out, note);
    column(out, isRejected() ? "rejected" : null);
    column(out, field);
    column(out, message);
    column(out, raw);
    out.append('\n');
  }

  private static void column(StringBuilder out, Object value) {
    out.append('\t');
    if (value == null) {
      out.append("\\N");
      return;
    }
    String text = value.toString();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\0' -> out.append('\uFFFD'); // PostgreSQL text holds no NUL
        default -> out.append(ch);
      }
    }
  }

  private static String shown(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.length() <= RAW_SHOWN ? raw : raw.substring(0, RAW_SHOWN) + "…";
  }
}
