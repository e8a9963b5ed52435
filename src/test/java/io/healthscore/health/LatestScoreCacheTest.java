package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatestScoreCacheTest {

  @Test
  void keeps_the_newest_score_whatever_the_order_of_offers() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ofMinutes(1), 100, 0);
    cache.offer("t", "a", "default", StoredScore.of(6, "{\"sequence\":6}"));
    cache.offer("t", "a", "default", StoredScore.of(5, "{\"sequence\":5}"));
    assertEquals(6, cache.get("t", "a", "default").sequence());
    cache.offer("t", "a", "default", StoredScore.of(7, "{\"sequence\":7}"));
    assertEquals(7, cache.get("t", "a", "default").sequence());
    assertNull(cache.get("other-tenant", "a", "default"));
  }

  @Test
  void a_newer_score_never_rendered_evicts_the_cached_one_and_is_not_kept() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ofMinutes(1), 100, 0);
    cache.offer("t", "a", "default", StoredScore.of(6, "{\"sequence\":6}"));
    cache.offer("t", "a", "default", StoredScore.lazy(5, () -> "{\"sequence\":5}"));
    assertEquals(6, cache.get("t", "a", "default").sequence(), "an older one changes nothing");
    StoredScore seven = StoredScore.lazy(7, () -> "{\"sequence\":7}");
    cache.offer("t", "a", "default", seven);
    assertNull(cache.get("t", "a", "default"), "the older score must not be served");
    // A read that fetched sequence 6 before 7 was written offers it late: refused.
    cache.offer("t", "a", "default", StoredScore.of(6, "{\"sequence\":6}"));
    assertNull(cache.get("t", "a", "default"), "a late offer must not go back in time");
    StoredScore readSeven = StoredScore.of(7, "{\"sequence\":7}");
    cache.offer("t", "a", "default", readSeven);
    assertSame(readSeven, cache.get("t", "a", "default"), "a read's rendering fills it in");
    StoredScore eight = StoredScore.of(8, "{\"sequence\":8}");
    cache.offer("t", "a", "default", eight);
    assertSame(eight, cache.get("t", "a", "default"), "a newer rendered score is kept");
  }

  @Test
  void a_zero_time_to_live_turns_it_off() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ZERO, 100, 1000);
    cache.offer("t", "a", "default", StoredScore.of(1, "{}"));
    assertNull(cache.get("t", "a", "default"));
  }

  @Test
  void a_rendered_score_serves_only_the_sequence_number_it_was_rendered_from() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ZERO, 100, 1000);
    StoredScore six = StoredScore.of(6, "{\"sequence\":6}");
    cache.keepRendered("t", "a", "default", six);
    assertSame(six, cache.rendered("t", "a", "default", 6));
    assertNull(cache.rendered("t", "a", "default", 7), "a newer row was written since");
    assertNull(cache.rendered("t", "a", "dear", 6));
    assertNull(cache.rendered("other-tenant", "a", "default", 6));
  }

  @Test
  void rendered_scores_are_bounded_by_their_size() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ZERO, 100, 10_000);
    String json = "x".repeat(1_000);
    for (int account = 0; account < 50; account++) {
      cache.keepRendered("t", "a" + account, "default", StoredScore.of(1, json));
    }
    int kept = 0;
    for (int account = 0; account < 50; account++) {
      kept += cache.rendered("t", "a" + account, "default", 1) == null ? 0 : 1;
    }
    assertEquals(10, kept, "10,000 bytes hold 10 scores of 1,000");
  }

  @Test
  void a_zero_size_keeps_no_rendered_score() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ofMinutes(1), 100, 0);
    cache.keepRendered("t", "a", "default", StoredScore.of(1, "{}"));
    assertNull(cache.rendered("t", "a", "default", 1));
  }
}
