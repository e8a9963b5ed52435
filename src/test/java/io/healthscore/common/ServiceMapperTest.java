package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The service's own mapper, as Quarkus builds it from its modules and our customizer. */
@QuarkusTest
class ServiceMapperTest {

  @Inject ObjectMapper mapper;

  // Quarkus registers the Java time module after customizers of default priority, and Jackson
  // keeps the serializer registered last: ours must come after it.
  @Test
  void writes_instants_and_decimals_with_the_service_serializers() throws Exception {
    Object instants = mapper.getSerializerProviderInstance().findValueSerializer(Instant.class);
    assertTrue(instants instanceof IsoInstants, instants.toString());
    Object decimals = mapper.getSerializerProviderInstance().findValueSerializer(Double.class);
    assertTrue(decimals instanceof ShortDecimals, decimals.toString());
    record Row(Instant at, double value) {}
    String json = mapper.writeValueAsString(new Row(Instant.parse("2026-11-29T20:16:26Z"), 0.1));
    assertEquals("{\"at\":\"2026-11-29T20:16:26Z\",\"value\":0.1}", json);
  }
}
