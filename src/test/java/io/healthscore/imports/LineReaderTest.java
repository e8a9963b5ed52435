package io.healthscore.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  /** Lines as text, a too-long line as "<too long>". */
  static List<String> lines(InputStream in, int max) throws IOException {
    LineReader reader = new LineReader(in, max);
    List<String> lines = new ArrayList<>();
    LineReader.Line line;
    while ((line = reader.next()) != null) {
      assertEquals(lines.size() + 1, line.number);
      lines.add(
          line.tooLong
              ? "<too long>"
              : new String(line.bytes, 0, line.length, StandardCharsets.UTF_8));
    }
    assertNull(reader.next());
    return lines;
  }

  static List<String> lines(String text, int max) throws IOException {
    return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void splits_on_lf_and_crlf_keeps_blank_lines_and_a_last_line_without_newline()
      throws IOException {
    assertEquals(List.of("a", "", "b", "c"), lines("a\n\nb\r\nc", 100));
    assertEquals(List.of("a"), lines("a\n", 100));
    assertEquals(List.of(), lines("", 100));
  }

  @Test
  void a_line_over_the_limit_is_reported_and_the_next_line_read_as_usual() throws IOException {
    String longLine = "x".repeat(200_000); // longer than the reader's buffer too
    assertEquals(List.of("ok", "<too long>", "next"), lines("ok\n" + longLine + "\nnext\n", 1_000));
    assertEquals(List.of("12345"), lines("12345\n", 5));
    assertEquals(List.of("<too long>"), lines("123456\n", 5));
  }

  @Test
  void lines_spanning_many_small_reads_are_whole() throws IOException {
    // A stream that hands out one byte per read, as a slow network does.
    InputStream trickle =
        new ByteArrayInputStream("first line\nsecond\n".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertEquals(List.of("first line", "second"), lines(trickle, 100));
  }
}
