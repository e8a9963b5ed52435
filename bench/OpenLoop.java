import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate and its latency is counted
 * from that intended time, so time spent queueing behind a slow server is measured, not hidden
 * (no coordinated omission). A pacer thread queues requests on schedule; WORKERS threads with
 * keep-alive connections send them.
 *
 * <p>Usage: java -cp HdrHistogram.jar OpenLoop.java METHOD URL RATE SECONDS [BODY_FILE]
 * URL and BODY may contain {n} (i mod 1000: the seeded accounts) and {i} (a unique counter).
 */
public class OpenLoop {

  static final int WORKERS = 32;

  record Due(long index, long intendedNanos) {}

  public static void main(String[] args) throws Exception {
    String method = args[0];
    String url = args[1];
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    String body = args.length > 4 ? Files.readString(Path.of(args[4])).trim() : null;
    long total = (long) (rate * seconds);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Recorder recorder = new Recorder(3_600_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    BlockingQueue<Due> queue = new ArrayBlockingQueue<>((int) Math.min(total + 1, 10_000_000));
    CountDownLatch done = new CountDownLatch(WORKERS);
    for (int w = 0; w < WORKERS; w++) {
      Thread worker = new Thread(() -> {
        try {
          while (true) {
            Due due = queue.take();
            if (due.index() < 0) {
              return;
            }
            String n = Long.toString(due.index() % 1000);
            String i = Long.toString(due.index());
            HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(url.replace("{n}", n).replace("{i}", i)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
            request = body == null ? request.GET() : request.method(method,
                HttpRequest.BodyPublishers.ofString(body.replace("{n}", n).replace("{i}", i)));
            try {
              int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                  .statusCode();
              if (status >= 400) {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            recorder.recordValue(Math.max(1, (System.nanoTime() - due.intendedNanos()) / 1000));
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
    long start = System.nanoTime();
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
    double elapsed = (System.nanoTime() - start) / 1e9;
    var h = recorder.getIntervalHistogram();
    System.out.printf("open-loop %s %s rate=%.0f/s sent=%d achieved=%.0f/s errors=%d "
            + "p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
        method, url.replaceAll("https?://[^/]+", ""), rate, total, total / elapsed, errors.get(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
  }
}
