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
 *
 * <p>Past the time to live, scores rendered into the API form are kept too, bounded by their
 * size: a history row never changes, so when the database still names the same sequence number
 * the read is one query and no rendering.
 */
@ApplicationScoped
public class LatestScoreCache {

  private record Key(String tenantId, String accountId, String scorecardId) {}

  /** The newest sequence number seen, with its score when its API form is at hand. */
  private record Entry(long sequence, StoredScore score) {}

  private final Cache<Key, Entry> fresh;
  private final Cache<Key, StoredScore> rendered;

  @Inject
  public LatestScoreCache(
      @ConfigProperty(name = "healthscore.read-cache.ttl", defaultValue = "PT1S") Duration ttl,
      @ConfigProperty(name = "healthscore.read-cache.max-entries", defaultValue = "100000")
          long maxEntries,
      @ConfigProperty(name = "healthscore.read-cache.rendered-max-bytes",
          defaultValue = "33554432") long renderedMaxBytes) {
    this.fresh = ttl.isZero() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    this.rendered = renderedMaxBytes == 0 ? null
        : Caffeine.newBuilder().maximumWeight(renderedMaxBytes)
            .<Key, StoredScore>weigher((key, score) -> score.json().length())
            .executor(Runnable::run).build();
  }

  public StoredScore get(String tenantId, String accountId, String scorecardId) {
    Entry entry = fresh == null ? null
        : fresh.getIfPresent(new Key(tenantId, accountId, scorecardId));
    return entry == null ? null : entry.score();
  }

  /**
   * Keeps the newer of the cached and the offered score: late offers never go back in time. Of a
   * newer score whose API form was never rendered (a batch's or a recompute's) only the sequence
   * number is kept: reads then go to the database, whose rendering of that sequence fills it in,
   * and older offers are still refused. Keeping thousands of such scores a second as object
   * graphs for a second made young collections copy them, a third of the JVM's CPU in a
   * recompute.
   */
  public void offer(String tenantId, String accountId, String scorecardId, StoredScore stored) {
    if (fresh != null) {
      Entry offered = new Entry(stored.sequence(), stored.isRendered() ? stored : null);
      fresh.asMap().merge(new Key(tenantId, accountId, scorecardId), offered,
          (cached, late) -> late.sequence() > cached.sequence()
              || late.sequence() == cached.sequence() && cached.score() == null ? late : cached);
    }
  }

  /** The score of that sequence number if this instance rendered it before, else null. */
  public StoredScore rendered(String tenantId, String accountId, String scorecardId,
      long sequence) {
    StoredScore kept = rendered == null ? null
        : rendered.getIfPresent(new Key(tenantId, accountId, scorecardId));
    return kept != null && kept.sequence() == sequence ? kept : null;
  }

  /** Keeps a score just rendered from its stored form (see {@link #rendered}). */
  public void keepRendered(String tenantId, String accountId, String scorecardId,
      StoredScore score) {
    if (rendered != null) {
      rendered.put(new Key(tenantId, accountId, scorecardId), score);
    }
  }
}
