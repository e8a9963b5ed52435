package io.healthscore.health;

/** A history row as read: its sequence number and the score in the stored form. */
public record HistoryRow(long sequence, String stored) {}
