package io.healthscore.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Latest scores recently written or read by this instance, kept for a short time so that hot
 * accounts are served without a database round trip. This instance's own writes replace entries at
 * once (read-your-writes). A score is fresh for most of the time to live (until a random point in
 * its last fifth); after that, and for up to another time to live, it is still served while one
 * read of the database (started by {@link #lookup}'s first caller past that point) checks it in the
 * background; then it is dropped. A write through another instance is thus seen here within twice
 * the time to live, and a read never waits for the database while its account's score is cached. A
 * time to live of zero turns the cache off.
 *
 * <p>Past the time to live, scores rendered into the API form are kept too, bounded by their size:
 * a history row never changes, so when the database still names the same sequence number the read
 * is one query and no rendering.
 */
@ApplicationScoped
public class LatestScoreCache {

  private record Key(String tenantId, String accountId, String scorecardId) {}

  /**
   * The newest sequence number seen, with its score when its API form is at hand; when it is due
   * for a check (ticker time), and whether a check is under way.
   */
  private record Entry(long sequence, StoredScore score, long checkAt, AtomicBoolean checking) {

    Entry(long sequence, StoredScore score, long checkAt) {
      this(sequence, score, checkAt, new AtomicBoolean());
    }
  }

  /** A cached score, and whether this caller is to check it against the database. */
  record Lookup(StoredScore score, boolean check) {}

  private final Cache<Key, Entry> fresh;
  private final Cache<Key, StoredScore> rendered;
  private final Ticker ticker;
  private final long ttlNanos;

  @Inject
  public LatestScoreCache(HealthConfig config) {
    this(
        config.readCache().ttl(),
        config.readCache().maxEntries(),
        config.readCache().renderedMaxBytes(),
        Ticker.systemTicker());
  }

  LatestScoreCache(Duration ttl, long maxEntries, long renderedMaxBytes) {
    this(ttl, maxEntries, renderedMaxBytes, Ticker.systemTicker());
  }

  LatestScoreCache(Duration ttl, long maxEntries, long renderedMaxBytes, Ticker ticker) {
    this.ticker = ticker;
    this.ttlNanos = ttl.toNanos();
    // Dropped at the end of the time to live, hot accounts' entries expired together: every
    // second their reads all went to the database at once, and every read queued behind them
    // (1,000 accounts at half the maximum read rate: p99 over 100 ms, bursts of ~0.3 s).
    this.fresh =
        ttl.isZero()
            ? null
            : Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(ttl.multipliedBy(2))
                .maximumSize(maxEntries)
                .build();
    this.rendered =
        renderedMaxBytes == 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(renderedMaxBytes)
                .<Key, StoredScore>weigher((key, score) -> score.json().length())
                .executor(Runnable::run)
                .build();
  }

  /** The cached score (fresh or being checked), or null. */
  public StoredScore get(String tenantId, String accountId, String scorecardId) {
    Entry entry = entry(tenantId, accountId, scorecardId);
    return entry == null ? null : entry.score();
  }

  /**
   * The cached score, or null. Once it is due for a check, one caller is told to check it (see
   * {@link HealthService#cached}); the others are answered with it meanwhile.
   */
  Lookup lookup(String tenantId, String accountId, String scorecardId) {
    Entry entry = entry(tenantId, accountId, scorecardId);
    if (entry == null || entry.score() == null) {
      return null;
    }
    boolean check =
        ticker.read() - entry.checkAt() >= 0 && entry.checking().compareAndSet(false, true);
    return new Lookup(entry.score(), check);
  }

  private Entry entry(String tenantId, String accountId, String scorecardId) {
    return fresh == null ? null : fresh.getIfPresent(new Key(tenantId, accountId, scorecardId));
  }

  /**
   * Keeps the newer of the cached and the offered score: late offers never go back in time; an
   * offer of the same sequence number confirms it (a write's reply, or the database's answer to a
   * read or a check). Of a newer score whose API form was never rendered (a batch's or a
   * recompute's) only the sequence number is kept: reads then go to the database, whose rendering
   * of that sequence fills it in, and older offers are still refused. Keeping thousands of such
   * scores a second as object graphs for a second made young collections copy them, a third of the
   * JVM's CPU in a recompute.
   */
  public void offer(String tenantId, String accountId, String scorecardId, StoredScore stored) {
    if (fresh != null) {
      // Due at a random time in the last fifth of the time to live: checks confirmed together
      // (a round of them runs on two threads) then come due apart, and the rounds dissolve.
      long checkAt =
          ticker.read() + ttlNanos - ThreadLocalRandom.current().nextLong(ttlNanos / 5 + 1);
      Entry offered = new Entry(stored.sequence(), stored.isRendered() ? stored : null, checkAt);
      fresh
          .asMap()
          .merge(
              new Key(tenantId, accountId, scorecardId),
              offered,
              (cached, late) -> {
                if (late.sequence() < cached.sequence()) {
                  return cached;
                }
                return late.sequence() == cached.sequence() && late.score() == null
                    ? new Entry(late.sequence(), cached.score(), late.checkAt())
                    : late;
              });
    }
  }

  /** Drops a cached score that could not be checked: the next read goes to the database. */
  public void drop(String tenantId, String accountId, String scorecardId) {
    if (fresh != null) {
      fresh.invalidate(new Key(tenantId, accountId, scorecardId));
    }
  }

  /** The score of that sequence number if this instance rendered it before, else null. */
  public StoredScore rendered(
      String tenantId, String accountId, String scorecardId, long sequence) {
    StoredScore kept =
        rendered == null ? null : rendered.getIfPresent(new Key(tenantId, accountId, scorecardId));
    return kept != null && kept.sequence() == sequence ? kept : null;
  }

  /** Keeps a score just rendered from its stored form (see {@link #rendered}). */
  public void keepRendered(
      String tenantId, String accountId, String scorecardId, StoredScore score) {
    if (rendered != null) {
      rendered.put(new Key(tenantId, accountId, scorecardId), score);
    }
  }
}
