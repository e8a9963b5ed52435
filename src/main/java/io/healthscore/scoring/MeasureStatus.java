package io.healthscore.scoring;

/** Whether a measure counted: present, missing (never observed) or stale (only old observations). */
public enum MeasureStatus {
  PRESENT,
  MISSING,
  STALE
}
