package io.healthscore.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding them, so that a line of invalid
 * UTF-8 is rejected alone. Memory stays at one buffer and the longest line allowed: a longer line
 * is read to its end and reported as too long.
 */
final class LineReader {

  /** One line: its number (from 1), its bytes up to {@code length}, or too long. */
  static final class Line {
    long number;
    byte[] bytes = new byte[256];
    int length;
    boolean tooLong;
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long lineNumber;
  private final Line line = new Line();

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line (the same object, refilled), or null at the end of the stream. */
  Line next() throws IOException {
    line.length = 0;
    line.tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          return finish();
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the LF
        return finish();
      }
    }
  }

  private Line finish() {
    if (!line.tooLong && line.length > 0 && line.bytes[line.length - 1] == '\r') {
      line.length--;
    }
    line.number = ++lineNumber;
    return line;
  }

  private void append(int from, int count) {
    if (line.tooLong || count == 0) {
      return;
    }
    if (line.length + count > maxLineBytes) {
      line.tooLong = true;
      return;
    }
    if (line.length + count > line.bytes.length) {
      line.bytes =
          Arrays.copyOf(
              line.bytes,
              Math.min(maxLineBytes, Math.max(line.length + count, 2 * line.bytes.length)));
    }
    System.arraycopy(buffer, from, line.bytes, line.length, count);
    line.length += count;
  }
}
