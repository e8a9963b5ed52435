package io.healthscore.health;

/** A stored score: its sequence number and the result as the API writes it. */
public record StoredScore(long sequence, String json) {}
