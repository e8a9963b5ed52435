package io.healthscore.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request limits an operator may tighten. The documented maxima (1,000 signals per request, 500
 * items per page) are the ceilings; lower values here take effect below them.
 */
@ConfigMapping(prefix = "healthscore.limits")
public interface Limits {

  /**
   * A request body of the API, at most (a file import has its own limit,
   * healthscore.imports.max-file-bytes).
   */
  @WithDefault("2M")
  MemorySize maxBodySize();

  /** Signals per request (single account or batch), at most 1000. */
  @WithDefault("1000")
  int maxSignalsPerRequest();

  /** Items per page on every list, at most 500. */
  @WithDefault("500")
  int maxPageSize();

  /** A page size within both the operation's own maximum and the configured one. */
  default int pageSize(String requested, int fallback, int operationMax) {
    int max = Math.min(operationMax, maxPageSize());
    return QueryParams.limit(requested, Math.min(fallback, max), max);
  }

  /** Refuses more signals than the configured maximum, naming the field. */
  default void checkSignals(String field, int count) {
    if (count > maxSignalsPerRequest()) {
      throw ApiProblem.invalid(field, "must contain 1 to " + maxSignalsPerRequest() + " signals");
    }
  }
}
