package io.healthscore.scorecard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.healthscore.common.ApiProblem;
import io.healthscore.scoring.HealthScorer;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.ScorecardValidator;
import io.healthscore.scoring.StandardSignals;
import io.healthscore.scoring.WeightingEngine;
import io.healthscore.scoring.WeightingEngines;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The scorecards in force. Until scorecards are stored, the only one is the default, read from a
 * resource file and validated when the service starts (a broken file stops the start).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class Scorecards {

  static final String DEFAULT_RESOURCE = "scorecards/default.yaml";

  private final List<WeightingEngine> engines =
      WeightingEngines.discover(Thread.currentThread().getContextClassLoader());
  private final HealthScorer scorer = new HealthScorer(engines);
  private final ScorecardValidator validator =
      new ScorecardValidator(StandardSignals::find, engines);
  private final Scorecard defaultScorecard = load(DEFAULT_RESOURCE);

  public HealthScorer scorer() {
    return scorer;
  }

  /** The weighting engines on the classpath, sorted by id. */
  public List<WeightingEngine> engines() {
    return engines;
  }

  public Scorecard defaultScorecard() {
    return defaultScorecard;
  }

  /** The scorecard with this id, or a 404 problem. */
  public Scorecard find(String id) {
    if (defaultScorecard.id().equals(id)) {
      return defaultScorecard;
    }
    throw ApiProblem.notFound("No scorecard with id " + id);
  }

  /** Validates a scorecard sent inline; problems are reported under {@code root}. */
  public Scorecard fromDefinition(ScorecardDefinition definition, String root) {
    return ScorecardMapper.toScorecard(definition, root, validator);
  }

  private Scorecard load(String resource) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = Thread.currentThread().getContextClassLoader()
        .getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing scorecard resource " + resource);
      }
      return ScorecardMapper.toScorecard(yaml.readValue(in, ScorecardDefinition.class), "",
          validator);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scorecard " + resource, e);
    } catch (ApiProblem e) {
      throw new IllegalStateException("invalid scorecard " + resource + ": " + e.getMessage(), e);
    }
  }
}
