package io.healthscore.scoring;

/** How a signal's value is written: a number, one label from a fixed set, or true/false. */
public enum SignalType {
  NUMBER,
  LABEL,
  BOOLEAN
}
