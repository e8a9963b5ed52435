package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

  static String fastPath(Instant value) {
    char[] out = new char[30];
    int length = IsoInstants.write(value, out);
    return length == 0 ? null : new String(out, 0, length);
  }

  @Test
  void instants_print_as_the_iso_formatter_prints_them() {
    Random random = new Random(20261129);
    for (int i = 0; i < 200_000; i++) {
      long seconds = (long) (random.nextDouble() * 253_402_300_800L);
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant value = Instant.ofEpochSecond(seconds, nanos);
      assertEquals(value.toString(), fastPath(value), "epoch second " + seconds);
    }
  }

  @Test
  void edges_print_as_the_iso_formatter_prints_them_or_go_to_it() {
    for (String text :
        List.of(
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2000-02-29T12:00:00.100Z",
            "2024-02-29T23:59:59.000001Z",
            "2026-11-29T20:16:26.445975581Z",
            "2100-03-01T00:00:00.010Z")) {
      assertEquals(text, fastPath(Instant.parse(text)));
    }
    for (Instant outside :
        List.of(
            Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.MIN,
            Instant.MAX)) {
      assertEquals(null, fastPath(outside), outside.toString());
    }
  }

  @Test
  void a_mapper_with_it_writes_what_jackson_writes() throws Exception {
    ObjectMapper jackson =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    ObjectMapper withFastPath =
        jackson
            .copy()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new IsoInstants()));
    List<Instant> values =
        List.of(
            Instant.parse("2026-11-29T20:16:26.445975581Z"),
            Instant.EPOCH,
            Instant.parse("1969-07-20T20:17:40Z"),
            Instant.parse("+12026-01-01T00:00:00Z"));
    String expected = jackson.writeValueAsString(values);
    assertEquals(expected, withFastPath.writeValueAsString(values));
    assertTrue(expected.contains("1969-07-20T20:17:40Z"), expected);
    Object serializer =
        withFastPath.getSerializerProviderInstance().findValueSerializer(Instant.class);
    assertTrue(serializer instanceof IsoInstants, serializer.toString());
  }
}
