package io.healthscore.scoring;

import java.util.Map;

/** What segment rules can test about an account: its segment attributes and its ARR. */
public record AccountFacts(Map<String, String> attributes, Double arr) {

  /** The attribute name under which rules see the account's ARR amount. */
  public static final String ARR = "arr";

  public static final AccountFacts NONE = new AccountFacts(Map.of(), null);

  public AccountFacts {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  String text(String attribute) {
    if (ARR.equals(attribute)) {
      return arr == null ? null : arr.toString();
    }
    return attributes.get(attribute);
  }

  Double number(String attribute) {
    if (ARR.equals(attribute)) {
      return arr;
    }
    String value = attributes.get(attribute);
    if (value == null) {
      return null;
    }
    try {
      double number = Double.parseDouble(value.trim());
      return Double.isFinite(number) ? number : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
