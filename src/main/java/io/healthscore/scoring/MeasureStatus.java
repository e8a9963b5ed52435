package io.healthscore.scoring;

/**
 * Whether a measure counted: present, missing (never observed) or stale (only old observations).
 */
public enum MeasureStatus {
  PRESENT,
  MISSING,
  STALE;

  // Computed once: every score written names one per measure.
  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
