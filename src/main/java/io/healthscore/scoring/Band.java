package io.healthscore.scoring;

/** The colour of a score; UNKNOWN when too little data was present to judge. */
public enum Band {
  RED,
  YELLOW,
  GREEN,
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
