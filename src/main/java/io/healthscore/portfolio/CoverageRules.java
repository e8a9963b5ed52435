package io.healthscore.portfolio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What relationship coverage each ARR tier needs: engaged contacts by role, and the longest a
 * customer may go without a touchpoint.
 */
@ConfigMapping(prefix = "healthscore.coverage")
public interface CoverageRules {

  /** Role -> the signal key that counts its engaged contacts. */
  Map<String, String> ROLES = roles();

  private static Map<String, String> roles() {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put("decision_maker", "decision_maker_contacts");
    roles.put("influencer", "influencer_contacts");
    roles.put("user", "user_contacts");
    return roles;
  }

  /**
   * Tiers as "minimum ARR:decision makers:influencers:users", the highest tier whose minimum the
   * account's ARR reaches applies.
   */
  @WithDefault("0:1:0:1,50000:1:1:3,200000:2:2:5")
  List<String> tiers();

  /** Days without a touchpoint before an account counts as a gap. */
  @WithDefault("30")
  int maxDaysWithoutTouch();

  /** A tier's requirements. */
  record Tier(BigDecimal minArr, int decisionMakers, int influencers, int users) {
    int required(String role) {
      return switch (role) {
        case "decision_maker" -> decisionMakers;
        case "influencer" -> influencers;
        default -> users;
      };
    }
  }

  default Tier tierFor(BigDecimal arr) {
    Tier chosen = new Tier(BigDecimal.ZERO, 0, 0, 0);
    BigDecimal amount = arr == null ? BigDecimal.ZERO : arr;
    for (String spec : tiers()) {
      String[] p = spec.trim().split(":");
      Tier tier =
          new Tier(
              new BigDecimal(p[0]),
              Integer.parseInt(p[1]),
              Integer.parseInt(p[2]),
              Integer.parseInt(p[3]));
      if (amount.compareTo(tier.minArr()) >= 0 && tier.minArr().compareTo(chosen.minArr()) >= 0) {
        chosen = tier;
      }
    }
    return chosen;
  }
}
