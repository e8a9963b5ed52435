package io.healthscore.health;

import java.util.function.Supplier;

/**
 * A stored score: its sequence number and the result as the API writes it. The API form is rendered
 * on first use only: most scores a recompute or a batch writes are never read from this instance's
 * memory.
 */
public final class StoredScore {

  private final long sequence;
  private Supplier<String> render;
  private volatile String json;

  private StoredScore(long sequence, String json, Supplier<String> render) {
    this.sequence = sequence;
    this.json = json;
    this.render = render;
  }

  /** A score whose API form is at hand. */
  public static StoredScore of(long sequence, String json) {
    return new StoredScore(sequence, json, null);
  }

  /** A score whose API form is rendered when first asked for. */
  public static StoredScore lazy(long sequence, Supplier<String> render) {
    return new StoredScore(sequence, null, render);
  }

  public long sequence() {
    return sequence;
  }

  /** Whether the API form is at hand (rendered, or given). */
  public boolean isRendered() {
    return json != null;
  }

  /** The API form (JSON). */
  public String json() {
    String rendered = json;
    if (rendered == null) {
      synchronized (this) {
        if (json == null) {
          json = render.get();
          render = null;
        }
        rendered = json;
      }
    }
    return rendered;
  }
}
