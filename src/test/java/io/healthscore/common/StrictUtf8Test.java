package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictUtf8Test {

  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setInputDecorator(new StrictUtf8());
  }

  static byte[] nameWith(String hexBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"name\": \"a".getBytes(StandardCharsets.UTF_8));
    for (String hex : hexBytes.split(" ")) {
      out.write(Integer.parseInt(hex, 16));
    }
    out.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"C3 A9", "E2 82 AC", "F0 9F 99 82", "ED 9F BF", "EF BF BD", "F4 8F BF BF"})
  void well_formed_sequences_pass_from_a_stream_and_from_an_array(String bytes) throws Exception {
    byte[] json = nameWith(bytes);
    String expected = new String(json, StandardCharsets.UTF_8);
    JsonNode fromStream = MAPPER.readTree(new ByteArrayInputStream(json));
    JsonNode fromArray = MAPPER.readTree(json);
    assertEquals(MAPPER.readTree(expected), fromStream);
    assertEquals(fromStream, fromArray);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C0 AF", // overlong '/', which Jackson alone reads as '/'
        "E0 80 AF", // overlong three-byte form
        "ED A0 80", // an encoded surrogate
        "F4 90 80 80", // past U+10FFFF
        "FF",
        "C3",
        "E2 82",
        "80",
        "C3 28"
      })
  void ill_formed_sequences_are_malformed_json(String bytes) {
    byte[] json = nameWith(bytes);
    assertThrows(JsonParseException.class, () -> MAPPER.readTree(new ByteArrayInputStream(json)));
    assertThrows(JsonParseException.class, () -> MAPPER.readTree(json));
  }
}
