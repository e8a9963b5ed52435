package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which raw request targets the filter decodes and checks (the rest cannot hold a control). */
class ControlCharactersTest {

  @ParameterizedTest
  @CsvSource({
    "/v1/accounts/a%00b/signals, true",
    "/v1/health?segment=plan:a%0ab, true",
    "/v1/health?segment=plan:a%0Ab, true",
    "/v1/health?segment=%1f, true",
    "/v1/health?segment=%7f, true",
    "/v1/health?segment=%7F, true",
    "/v1/accounts/acme%20corp/health, false",
    "/v1/health?segment=plan:pro&limit=50, false",
    "/v1/accounts/%C3%A9t%C3%A9/health, false",
    "/v1/health?segment=%7e, false",
    "/v1/health?segment=50%, false",
    "/v1/health?segment=%2, false"
  })
  void a_target_is_checked_when_it_may_decode_to_a_control_character(
      String target, boolean checked) {
    assertEquals(checked, ControlCharacters.mayCarryControlCharacters(target));
  }
}
