package io.healthscore.scoring;

import java.time.Duration;

/**
 * One ingredient of a score: a signal key, aggregated over a window, normalised to 0-100, weighted
 * inside its group.
 *
 * @param window how far back observations are aggregated (null: every fresh observation)
 * @param staleAfter observations older than this do not count (null: never stale)
 * @param critical a red critical measure is flagged (engines may cap the score on it)
 */
public record Measure(
    String id,
    String signal,
    Aggregation aggregation,
    Duration window,
    Duration staleAfter,
    Normaliser normaliser,
    double weight,
    boolean critical) {}
