import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate, and its latency is counted
 * from that intended time, so a stalled server cannot hide its queueing (no coordinated omission).
 *
 * <p>Usage: java -cp HdrHistogram.jar OpenLoop.java METHOD URL_TEMPLATE RATE SECONDS [BODY_FILE]
 * URL_TEMPLATE and BODY may contain {n}: replaced by i mod 1000 (the seeded accounts) and {i}.
 */
public class OpenLoop {
  public static void main(String[] args) throws Exception {
    String method = args[0];
    String url = args[1];
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    String body = args.length > 4 ? Files.readString(Path.of(args[4])) : null;
    HttpClient client = HttpClient.newBuilder()
        .executor(Executors.newFixedThreadPool(4))
        .connectTimeout(Duration.ofSeconds(5)).build();
    Recorder recorder = new Recorder(3_600_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    long total = (long) (rate * seconds);
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / rate);
    for (long i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String n = Long.toString(i % 1000);
      String target = url.replace("{n}", n).replace("{i}", Long.toString(i));
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
      request = body == null ? request.GET() : request.method(method,
          HttpRequest.BodyPublishers.ofString(
              body.replace("{n}", n).replace("{i}", Long.toString(i))));
      client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, failure) -> {
            long latency = System.nanoTime() - intended;
            recorder.recordValue(Math.max(1, latency / 1000));
            if (failure != null || response.statusCode() >= 400) {
              errors.incrementAndGet();
            }
            done.countDown();
          });
    }
    done.await();
    var h = recorder.getIntervalHistogram();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("open-loop %s rate=%.0f/s sent=%d achieved=%.0f/s errors=%d "
            + "p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
        method, rate, total, total / elapsed, errors.get(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    System.exit(0);
  }
}
