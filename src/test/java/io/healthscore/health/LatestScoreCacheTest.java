package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatestScoreCacheTest {

  @Test
  void keeps_the_newest_score_whatever_the_order_of_offers() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ofMinutes(1), 100);
    cache.offer("t", "a", "default", StoredScore.of(6, "{\"sequence\":6}"));
    cache.offer("t", "a", "default", StoredScore.of(5, "{\"sequence\":5}"));
    assertEquals(6, cache.get("t", "a", "default").sequence());
    cache.offer("t", "a", "default", StoredScore.of(7, "{\"sequence\":7}"));
    assertEquals(7, cache.get("t", "a", "default").sequence());
    assertNull(cache.get("other-tenant", "a", "default"));
  }

  @Test
  void a_zero_time_to_live_turns_it_off() {
    LatestScoreCache cache = new LatestScoreCache(Duration.ZERO, 100);
    cache.offer("t", "a", "default", StoredScore.of(1, "{}"));
    assertNull(cache.get("t", "a", "default"));
  }
}
