package io.healthscore.support;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL driver ({@code socketFactory=} this class) that counts round
 * trips: reads that follow writes, i.e. the times the client waited for the server.
 */
public class RoundTrips extends SocketFactory {

  private static final AtomicInteger COUNT = new AtomicInteger();

  /** Round trips of every connection made through this factory so far. */
  public static int count() {
    return COUNT.get();
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw onlyUnconnected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort) {
    throw onlyUnconnected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw onlyUnconnected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
    throw onlyUnconnected();
  }

  private static UnsupportedOperationException onlyUnconnected() {
    return new UnsupportedOperationException("the driver connects an unconnected socket");
  }

  private static final class CountingSocket extends Socket {
    private volatile boolean wrote;

    @Override
    public OutputStream getOutputStream() throws IOException {
      return new FilterOutputStream(super.getOutputStream()) {
        @Override
        public void write(int b) throws IOException {
          wrote = true;
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          wrote = true;
          out.write(b, off, len);
        }
      };
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          waited();
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          waited();
          return in.read(b, off, len);
        }
      };
    }

    private void waited() {
      if (wrote) {
        wrote = false;
        COUNT.incrementAndGet();
      }
    }
  }
}
