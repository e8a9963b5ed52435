package io.healthscore.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A demo portfolio as an import file (POST /v1/imports): its accounts, then a year of signals, then
 * the renewal outcomes, one JSON object per line.
 */
final class DemoFile {

  private DemoFile() {}

  static void write(DemoData.Portfolio portfolio, ObjectMapper json, OutputStream out)
      throws IOException {
    ObjectWriter writer = json.writer();
    for (DemoData.Account a : portfolio.accounts()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "account");
      line.put("accountId", a.id());
      line.put("name", a.name());
      line.put("attributes", a.attributes());
      line.put("arr", Map.of("amount", a.arr(), "currency", "USD"));
      line.put("renewalDate", a.renewalDate().toString());
      write(writer, line, out);
    }
    for (DemoData.Signal s : portfolio.signals()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "signal");
      line.put("accountId", s.accountId());
      line.put("key", s.key());
      line.put("value", s.value());
      line.put("observedAt", s.observedAt().atOffset(ZoneOffset.UTC).toString());
      line.put("source", "demo");
      line.put("eventId", s.eventId());
      write(writer, line, out);
    }
    for (DemoData.Outcome o : portfolio.outcomes()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "outcome");
      line.put("accountId", o.accountId());
      line.put("eventId", o.eventId());
      line.put("kind", o.kind());
      line.put("date", o.date().toString());
      line.put("arrBefore", o.arrBefore());
      line.put("arrAfter", o.arrAfter());
      line.put("currency", "USD");
      write(writer, line, out);
    }
  }

  private static void write(ObjectWriter writer, Map<String, Object> line, OutputStream out)
      throws IOException {
    out.write(writer.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
