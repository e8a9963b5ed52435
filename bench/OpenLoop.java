import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate and its latency is counted
 * from that intended time, so time spent queueing behind a slow server is measured, not hidden (no
 * coordinated omission). A pacer thread queues requests on schedule; WORKERS threads, each with one
 * keep-alive HTTP/1.1 connection, send them (a minimal client keeps the driver's own CPU cost low
 * on a machine it shares with the server).
 *
 * <p>Usage: java -cp HdrHistogram.jar OpenLoop.java METHOD URL RATE SECONDS [BODY_FILE] URL and
 * BODY may contain {n} (i mod 1000: the seeded accounts) and {i} (a unique counter). With SERIES_MS
 * set (e.g. 100) it also prints, per slice of that many milliseconds of intended send time, the
 * slowest latency and how many requests took over 10 ms: a tail that comes in periodic bursts (a
 * cache's entries expiring together, a collector) shows there, not in p99.
 */
public class OpenLoop {

  /**
   * Connections, as many as wrk used for the closed-loop maximum (CONNECTIONS, default 8): the
   * server sees the concurrency its maximum was measured at, and requests beyond it wait in the
   * driver, their wait counted.
   */
  static final int WORKERS = Integer.parseInt(System.getenv().getOrDefault("CONNECTIONS", "8"));

  static final String API_KEY = System.getenv().getOrDefault("API_KEY", "");
  static final int WARMUP_SECONDS = 5;
  static final long SERIES_NANOS =
      Long.parseLong(System.getenv().getOrDefault("SERIES_MS", "0")) * 1_000_000L;

  record Due(long index, long intendedNanos) {}

  public static void main(String[] args) throws Exception {
    String method = args[0];
    String url = args[1];
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    String body = args.length > 4 ? Files.readString(Path.of(args[4])).trim() : null;
    // The first WARMUP_SECONDS warm both JVMs (driver and server) and are not recorded.
    long warmup = (long) (rate * WARMUP_SECONDS);
    long total = warmup + (long) (rate * seconds);
    URI base = URI.create(url.replaceAll("\\{[ni]\\}", "0"));
    Recorder recorder = new Recorder(3_600_000_000L, 3);
    int slices =
        SERIES_NANOS == 0 ? 0 : (int) ((WARMUP_SECONDS + seconds) * 1e9 / SERIES_NANOS) + 1;
    AtomicLongArray slowest = new AtomicLongArray(slices);
    AtomicLongArray over10ms = new AtomicLongArray(slices);
    long start = System.nanoTime();
    AtomicLong errors = new AtomicLong();
    BlockingQueue<Due> queue = new ArrayBlockingQueue<>((int) Math.min(total + 1, 10_000_000));
    CountDownLatch done = new CountDownLatch(WORKERS);
    for (int w = 0; w < WORKERS; w++) {
      Thread worker =
          new Thread(
              () -> {
                Connection connection = null;
                try {
                  while (true) {
                    Due due = queue.take();
                    if (due.index() < 0) {
                      return;
                    }
                    String n = Long.toString(due.index() % 1000);
                    String i = Long.toString(due.index());
                    String target = url.replace("{n}", n).replace("{i}", i);
                    String payload = body == null ? null : body.replace("{n}", n).replace("{i}", i);
                    try {
                      if (connection == null) {
                        connection = new Connection(base.getHost(), base.getPort());
                      }
                      int status =
                          connection.exchange(method, URI.create(target).getRawPath(), payload);
                      if (status >= 400 && due.index() >= warmup) {
                        errors.incrementAndGet();
                      }
                    } catch (IOException e) {
                      if (due.index() >= warmup) {
                        errors.incrementAndGet();
                      }
                      connection = null;
                    }
                    if (due.index() >= warmup) {
                      long micros = Math.max(1, (System.nanoTime() - due.intendedNanos()) / 1000);
                      recorder.recordValue(micros);
                      if (slices > 0) {
                        int slice = (int) ((due.intendedNanos() - start) / SERIES_NANOS);
                        slowest.accumulateAndGet(slice, micros, Math::max);
                        over10ms.addAndGet(slice, micros > 10_000 ? 1 : 0);
                      }
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
      worker.setDaemon(true);
      worker.start();
    }
    long measuredFrom = start + warmup * (long) (1e9 / rate);
    long interval = (long) (1e9 / rate);
    for (long i = 0; i < total; i++) {
      long intended = start + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      queue.put(new Due(i, intended));
    }
    for (int w = 0; w < WORKERS; w++) {
      queue.put(new Due(-1, 0));
    }
    done.await();
    double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
    var h = recorder.getIntervalHistogram();
    System.out.printf(
        "open-loop %s %s rate=%.0f/s sent=%d achieved=%.0f/s errors=%d "
            + "p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
        method,
        url.replaceAll("https?://[^/]+", ""),
        rate,
        total - warmup,
        (total - warmup) / elapsed,
        errors.get(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0);
    if (slices > 0) {
      StringBuilder series =
          new StringBuilder("series (from start, s: slowest ms/requests over 10 ms):");
      for (int slice = 0; slice < slices; slice++) {
        if (slowest.get(slice) > 0) {
          series.append(
              String.format(
                  " %.1f:%d/%d",
                  slice * SERIES_NANOS / 1e9, slowest.get(slice) / 1000, over10ms.get(slice)));
        }
      }
      System.out.println(series);
    }
  }

  /** One keep-alive HTTP/1.1 connection; enough protocol for this service's responses. */
  static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    Connection(String host, int port) throws IOException {
      this.socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      this.out = socket.getOutputStream();
      this.in = new BufferedInputStream(socket.getInputStream(), 65536);
      this.host = host + ":" + port;
    }

    int exchange(String method, String path, String body) throws IOException {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nAuthorization: Bearer "
              + API_KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + content.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String status = line();
      long length = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase();
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16);
            size > 0;
            size = Long.parseLong(line().trim(), 16)) {
          skip(size);
          line();
        }
        line();
      } else if (length > 0) {
        skip(length);
      }
      return Integer.parseInt(status.split(" ")[1]);
    }

    private void skip(long bytes) throws IOException {
      while (bytes > 0) {
        long skipped = in.skip(bytes);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed");
          }
          skipped = 1;
        }
        bytes -= skipped;
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }
  }
}
