package io.healthscore.scoring;

/** The colour of a score; UNKNOWN when too little data was present to judge. */
public enum Band {
  RED,
  YELLOW,
  GREEN,
  UNKNOWN;

  // Computed once: every score written names several.
  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
