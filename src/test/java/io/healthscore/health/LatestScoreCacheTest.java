package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
  void a_newer_score_never_rendered_replaces_the_cached_one_by_its_sequence_number_only() {
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
  void past_the_time_to_live_a_score_is_served_while_one_caller_checks_it() {
    AtomicLong nanos = new AtomicLong();
    LatestScoreCache cache = new LatestScoreCache(Duration.ofSeconds(1), 100, 0, nanos::get);
    StoredScore one = StoredScore.of(1, "{\"sequence\":1}");
    cache.offer("t", "a", "default", one);
    at(nanos, 799); // checks come due at a random point in the last fifth of the time to live
    assertEquals(new LatestScoreCache.Lookup(one, false), cache.lookup("t", "a", "default"));
    at(nanos, 1000);
    assertEquals(new LatestScoreCache.Lookup(one, true), cache.lookup("t", "a", "default"));
    assertEquals(
        new LatestScoreCache.Lookup(one, false),
        cache.lookup("t", "a", "default"),
        "one check at a time: the others are answered from memory meanwhile");
    // The check's answer, the same sequence number, confirms it for another time to live.
    StoredScore checked = StoredScore.of(1, "{\"sequence\":1}");
    at(nanos, 1050);
    cache.offer("t", "a", "default", checked);
    at(nanos, 1849);
    assertEquals(new LatestScoreCache.Lookup(checked, false), cache.lookup("t", "a", "default"));
    at(nanos, 2050);
    assertTrue(cache.lookup("t", "a", "default").check());
    // A check that never answers (or failed and dropped it) leaves it for one more time to live.
    at(nanos, 3049);
    assertSame(checked, cache.get("t", "a", "default"));
    at(nanos, 3050);
    assertNull(cache.lookup("t", "a", "default"));
    assertNull(cache.get("t", "a", "default"));
  }

  @Test
  void a_check_finding_a_newer_score_replaces_it_and_one_that_failed_drops_it() {
    AtomicLong nanos = new AtomicLong();
    LatestScoreCache cache = new LatestScoreCache(Duration.ofSeconds(1), 100, 0, nanos::get);
    cache.offer("t", "a", "default", StoredScore.of(1, "{\"sequence\":1}"));
    at(nanos, 1500);
    assertTrue(cache.lookup("t", "a", "default").check());
    StoredScore two = StoredScore.of(2, "{\"sequence\":2}");
    cache.offer("t", "a", "default", two); // written through another instance
    assertEquals(new LatestScoreCache.Lookup(two, false), cache.lookup("t", "a", "default"));
    cache.drop("t", "a", "default");
    assertNull(cache.lookup("t", "a", "default"));
  }

  @Test
  void checks_of_scores_confirmed_together_come_due_apart() {
    AtomicLong nanos = new AtomicLong();
    LatestScoreCache cache = new LatestScoreCache(Duration.ofSeconds(1), 1000, 0, nanos::get);
    for (int a = 0; a < 200; a++) {
      cache.offer("t", "a" + a, "default", StoredScore.of(1, "{}"));
    }
    at(nanos, 900);
    int due = 0;
    for (int a = 0; a < 200; a++) {
      due += cache.lookup("t", "a" + a, "default").check() ? 1 : 0;
    }
    // Uniform over the last fifth: about half are due by its middle; all or none would mean
    // the next round comes due together again.
    assertTrue(due > 50 && due < 150, due + " of 200 due at nine tenths");
  }

  private static void at(AtomicLong nanos, long millis) {
    nanos.set(Duration.ofMillis(millis).toNanos());
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
