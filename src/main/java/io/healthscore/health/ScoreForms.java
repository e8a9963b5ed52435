package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * A score's two JSON forms: as the API writes it, and as history stores it ({@link StoredForm}).
 * Rendering the API form needs the scorecard version that computed the score; versions never
 * change, so each is read from the database once.
 */
@ApplicationScoped
public class ScoreForms {

  private record Variant(String tenantId, String scorecardId, int version, String segment) {}

  private final Scorecards scorecards;
  private final boolean compact;
  private final ObjectWriter writer;
  private final ObjectReader storedReader;
  private final ObjectReader treeReader;
  private final Cache<Variant, Scorecard> variants =
      Caffeine.newBuilder().maximumSize(10_000).build();

  /**
   * @param compact false stores new scores in the API form, which instances of versions before the
   *     stored form can read: for the first step of a rolling update from such a version
   */
  @Inject
  public ScoreForms(Scorecards scorecards, ObjectMapper json, HealthConfig config) {
    this(scorecards, json, config.history().compact());
  }

  ScoreForms(Scorecards scorecards, ObjectMapper json, boolean compact) {
    this.scorecards = scorecards;
    this.compact = compact;
    this.writer = json.writer();
    this.storedReader = json.readerFor(StoredForm.class);
    this.treeReader = json.reader();
  }

  /** The API form in the detail asked for: a summary leaves out the groups. */
  public String in(ScoreDetail detail, String apiJson) {
    if (detail == ScoreDetail.FULL) {
      return apiJson;
    }
    try {
      ObjectNode score = (ObjectNode) treeReader.readTree(apiJson);
      score.remove("groups");
      return writer.writeValueAsString(score);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API form. */
  public String apiJson(HealthView view) {
    return write(view);
  }

  /** The form history stores. */
  public String storedJson(HealthView view) {
    return compact ? write(StoredForm.of(view)) : write(view);
  }

  /** The API form of a score as history stores it (rows in the API form are returned as is). */
  public String apiJson(String tenantId, String stored) {
    StoredForm form;
    try {
      form = storedReader.readValue(stored);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored score", e);
    }
    return form.isApiForm() ? stored : write(form.toView(variant(tenantId, form)));
  }

  private Scorecard variant(String tenantId, StoredForm form) {
    Variant key =
        new Variant(tenantId, form.scorecard().id(), form.scorecard().version(), form.segment());
    return variants.get(
        key,
        k -> {
          try {
            Scorecard current = scorecards.catalog(tenantId).byId().get(k.scorecardId());
            Scorecard scorecard =
                current != null && current.version() == k.version()
                    ? current
                    : scorecards.version(tenantId, k.scorecardId(), k.version());
            if (k.segment() == null) {
              return scorecard;
            }
            Segment segment =
                scorecard.segments().stream()
                    .filter(s -> s.id().equals(k.segment()))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "a stored score names segment "
                                    + k.segment()
                                    + ", which version "
                                    + k.version()
                                    + " of scorecard "
                                    + k.scorecardId()
                                    + " does not have"));
            return segment.applyTo(scorecard);
          } catch (SQLException e) {
            throw new IllegalStateException("cannot read scorecard " + k.scorecardId(), e);
          }
        });
  }

  private String write(Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write score", e);
    }
  }
}
