package io.healthscore.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.health.ScorecardMapper;
import io.healthscore.health.Scorecards;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.ScorecardValidator;
import io.healthscore.scoring.StandardSignals;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultScorecardTest {

  @Test
  void default_scorecard_groups_measures_by_the_seven_ingredients() {
    Scorecard card = new Scorecards(null, null, null, null).bundledDefault();
    assertEquals("default", card.id());
    assertEquals(
        List.of(
            "csm_sentiment",
            "customer_sentiment",
            "engagement",
            "advocacy",
            "adoption",
            "outcomes",
            "support"),
        card.groups().stream().map(MeasureGroup::id).toList());
    assertEquals(40, card.bands().yellowFrom());
    assertEquals(70, card.bands().greenFrom());
    assertEquals(0.5, card.minCoverage());
    assertTrue(card.measures().stream().anyMatch(m -> m.signal().equals("nps_response")));
  }

  @Test
  void round_trips_through_its_wire_form() {
    Scorecards scorecards = new Scorecards(null, null, null, null);
    Scorecard card = scorecards.bundledDefault();
    assertEquals(
        card,
        ScorecardMapper.toScorecard(
            ScorecardMapper.toDefinition(card),
            "scorecard",
            new ScorecardValidator(StandardSignals::find, scorecards.engines())));
  }
}
