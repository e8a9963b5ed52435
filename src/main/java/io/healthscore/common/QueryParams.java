package io.healthscore.common;

import java.time.Instant;
import java.time.OffsetDateTime;
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
      throw ApiProblem.invalid(name,
          "must be an ISO-8601 timestamp with offset, e.g. 2026-11-23T10:15:30Z");
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

  /** A page size: {@code fallback} when absent, else a whole number within 1..{@code max}. */
  public static int limit(String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.invalid("limit", "must be a whole number from 1 to " + max);
  }
}
