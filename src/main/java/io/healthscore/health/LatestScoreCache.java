package io.healthscore.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Latest scores recently written or read by this instance, kept for a short time so that hot
 * accounts are served without a database round trip. This instance's own writes replace entries
 * at once (read-your-writes); a write through another instance is seen here within the time to
 * live. A time to live of zero turns the cache off.
 */
@ApplicationScoped
public class LatestScoreCache {

  private record Key(String tenantId, String accountId, String scorecardId) {}

  private final Cache<Key, StoredScore> cache;

  @Inject
  public LatestScoreCache(
      @ConfigProperty(name = "healthscore.read-cache.ttl", defaultValue = "PT1S") Duration ttl,
      @ConfigProperty(name = "healthscore.read-cache.max-entries", defaultValue = "100000")
          long maxEntries) {
    this.cache = ttl.isZero() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
  }

  public StoredScore get(String tenantId, String accountId, String scorecardId) {
    return cache == null ? null : cache.getIfPresent(new Key(tenantId, accountId, scorecardId));
  }

  /** Keeps the newer of the cached and the offered score: late offers never go back in time. */
  public void offer(String tenantId, String accountId, String scorecardId, StoredScore stored) {
    if (cache != null) {
      cache.asMap().merge(new Key(tenantId, accountId, scorecardId), stored,
          (cached, offered) -> offered.sequence() > cached.sequence() ? offered : cached);
    }
  }
}
