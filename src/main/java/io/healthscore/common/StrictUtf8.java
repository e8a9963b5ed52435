package io.healthscore.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Refuses request bodies that are not well-formed UTF-8 (RFC 3629): Jackson's own decoder accepts
 * overlong forms (C0 AF reads as '/') and encoded surrogates, which would store text the client
 * never sent. Checked as the bytes stream through, so it costs no extra copy.
 */
final class StrictUtf8 extends InputDecorator {

  @Override
  public InputStream decorate(IOContext context, InputStream in) {
    return new Checked(in);
  }

  @Override
  public InputStream decorate(IOContext context, byte[] src, int offset, int length)
      throws IOException {
    Validator validator = new Validator();
    for (int i = offset; i < offset + length; i++) {
      validator.accept(src[i] & 0xff);
    }
    validator.end();
    return null; // well-formed: parse the array as it is
  }

  @Override
  public Reader decorate(IOContext context, Reader reader) {
    return reader; // already characters
  }

  /** A byte-at-a-time UTF-8 state machine (the well-formed table of Unicode 15, table 3-7). */
  private static final class Validator {
    private int pending; // continuation bytes still expected
    private int low = 0x80; // allowed range of the next continuation byte
    private int high = 0xbf;

    void accept(int b) throws JsonParseException {
      if (pending == 0) {
        if (b < 0x80) {
          return;
        }
        if (b >= 0xc2 && b <= 0xdf) {
          expect(1, 0x80, 0xbf);
        } else if (b == 0xe0) {
          expect(2, 0xa0, 0xbf);
        } else if (b == 0xed) {
          expect(2, 0x80, 0x9f);
        } else if (b >= 0xe1 && b <= 0xef) {
          expect(2, 0x80, 0xbf);
        } else if (b == 0xf0) {
          expect(3, 0x90, 0xbf);
        } else if (b == 0xf4) {
          expect(3, 0x80, 0x8f);
        } else if (b >= 0xf1 && b <= 0xf3) {
          expect(3, 0x80, 0xbf);
        } else {
          throw invalid();
        }
        return;
      }
      if (b < low || b > high) {
        throw invalid();
      }
      pending--;
      low = 0x80;
      high = 0xbf;
    }

    void end() throws JsonParseException {
      if (pending != 0) {
        throw invalid();
      }
    }

    private void expect(int count, int nextLow, int nextHigh) {
      pending = count;
      low = nextLow;
      high = nextHigh;
    }

    private static JsonParseException invalid() {
      return new JsonParseException(null, "the body is not well-formed UTF-8");
    }
  }

  private static final class Checked extends FilterInputStream {
    private final Validator validator = new Validator();

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        validator.end();
      } else {
        validator.accept(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        validator.end();
      }
      for (int i = offset; i < offset + n; i++) {
        validator.accept(buffer[i] & 0xff);
      }
      return n;
    }
  }
}
