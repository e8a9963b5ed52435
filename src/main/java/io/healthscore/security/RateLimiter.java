package io.healthscore.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.healthscore.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-key rate limits: a token bucket per API key and instance, refilled at the key's rate with
 * bursts up to twice that. With N instances behind a load balancer a key gets up to N times the
 * rate in all.
 */
@ApplicationScoped
public class RateLimiter {

  /**
   * What a request learnt of its key's limit, for the RateLimit response headers: the limit is the
   * bucket's capacity (a burst of twice the per-second rate), the number the remaining requests
   * count down from; reset is when the bucket is full again.
   */
  public record Quota(long limit, long remaining, long resetSeconds) {
    Map<String, String> headers() {
      return Map.of(
          "RateLimit-Limit",
          Long.toString(limit),
          "RateLimit-Remaining",
          Long.toString(remaining),
          "RateLimit-Reset",
          Long.toString(resetSeconds),
          "RateLimit-Policy",
          limit + ";w=2");
    }
  }

  private final boolean enabled;
  private final int defaultPerSecond;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

  public RateLimiter(SecurityConfig config) {
    this.enabled = config.rateLimit().enabled();
    this.defaultPerSecond = config.rateLimit().requestsPerSecond();
  }

  /** Takes one request from the caller's bucket, or refuses with 429 and when to come back. */
  public Quota acquire(Caller caller) {
    if (!enabled) {
      return null;
    }
    int perSecond = caller.rateLimit() == null ? defaultPerSecond : caller.rateLimit();
    Bucket bucket =
        buckets.get(
            caller.keyId() + '/' + perSecond,
            k ->
                Bucket.builder()
                    .addLimit(
                        limit ->
                            limit
                                .capacity(2L * perSecond)
                                .refillGreedy(perSecond, Duration.ofSeconds(1)))
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long perToken = Math.max(1, TimeUnit.SECONDS.toNanos(1) / perSecond);
    if (probe.isConsumed()) {
      long toFull = (2L * perSecond - probe.getRemainingTokens()) * perToken;
      return new Quota(2L * perSecond, probe.getRemainingTokens(), seconds(toFull));
    }
    long retry = seconds(probe.getNanosToWaitForRefill());
    throw new ApiProblem(
            429,
            "rate-limited",
            "Too Many Requests",
            "This API key may send "
                + perSecond
                + " requests per second (bursts up to "
                + 2 * perSecond
                + "); retry after "
                + retry
                + " s.",
            java.util.List.of())
        .withHeaders(
            Map.of(
                "Retry-After",
                Long.toString(retry),
                "RateLimit-Limit",
                Long.toString(2L * perSecond),
                "RateLimit-Remaining",
                "0",
                "RateLimit-Reset",
                Long.toString(retry),
                "RateLimit-Policy",
                2L * perSecond + ";w=2"));
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
