package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.Map;

/** An account's segment attributes as stored in its jsonb column, read with a prepared reader. */
@ApplicationScoped
public class AccountAttributes {

  private final ObjectReader reader;

  public AccountAttributes(ObjectMapper json) {
    this.reader = json.readerFor(new TypeReference<Map<String, String>>() {});
  }

  public Map<String, String> read(String attributes) {
    try {
      return reader.readValue(attributes);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
