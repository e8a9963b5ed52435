package io.healthscore.scoring;

/** Band thresholds: red below {@code yellowFrom}, green from {@code greenFrom}, yellow between. */
public record Bands(double yellowFrom, double greenFrom) {

  public static final Bands DEFAULT = new Bands(40, 70);

  public Band of(double score) {
    if (score < yellowFrom) {
      return Band.RED;
    }
    return score < greenFrom ? Band.YELLOW : Band.GREEN;
  }
}
