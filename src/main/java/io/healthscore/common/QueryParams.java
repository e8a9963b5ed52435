package io.healthscore.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** Parses query parameters into values, or a 400 problem naming the parameter. */
public final class QueryParams {

  private QueryParams() {}

  public static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(
          name, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-23T10:15:30Z");
    }
  }

  public static Double number(String name, String value, double min, double max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double number = Double.parseDouble(value);
      if (!(number >= min && number <= max)) {
        throw ApiProblem.invalid(name, "must be between " + min + " and " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(name, "must be a number");
    }
  }

  /** A whole number within min..max as the document types it (digits only), or null when absent. */
  public static Integer integer(String name, String value, int min, int max) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.matches("-?[0-9]{1,10}")) {
      throw ApiProblem.invalid(name, "must be a whole number");
    }
    long number = Long.parseLong(value);
    if (number < min || number > max) {
      throw ApiProblem.invalid(name, "must be between " + min + " and " + max);
    }
    return (int) number;
  }

  /** A page size: {@code fallback} when absent, else a whole number within 1..{@code max}. */
  public static int limit(String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.invalid("limit", "must be a whole number from 1 to " + max);
  }

  /** An ISO-8601 date, or the fallback when absent. */
  public static LocalDate date(String name, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(name, "must be an ISO-8601 date, e.g. 2026-11-01");
    }
  }

  /**
   * An ISO-8601 duration (P90D, P2W, P1Y, PT12H) up to ten years; a month counts 30 days and a year
   * 365.
   */
  public static Duration duration(String name, String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Duration duration;
      if (value.contains("T")) {
        duration = Duration.parse(value);
      } else {
        Period period = Period.parse(value);
        duration =
            Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
      }
      if (duration.isNegative() || duration.compareTo(Duration.ofDays(3650)) > 0) {
        throw ApiProblem.invalid(name, "must be between P0D and P3650D");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(name, "must be an ISO-8601 duration, e.g. P90D or P1Y");
    }
  }

  /** A segment attribute name to group by (as accounts take them: 1-64 characters), or null. */
  public static String attributeName(String name, String value) {
    if (value != null && (value.isBlank() || value.length() > 64)) {
      throw ApiProblem.invalid(name, "must be an attribute name (1-64 characters)");
    }
    return value;
  }
}
