package io.healthscore.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.BatchItems;
import io.healthscore.common.Transactions;
import io.healthscore.signal.SignalValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Uploads: the request body streamed line by line into PostgreSQL (COPY) in one transaction, so
 * that an upload is stored whole or not at all, in memory no more than a line and a buffer.
 */
@ApplicationScoped
public class ImportService {

  private static final Logger LOG = Logger.getLogger(ImportService.class);
  private static final int COPY_BUFFER_CHARS = 1 << 16;
  private static final int MOVE_EVERY = 50_000;

  /** An upload's reply: the import, and whether this request created it (false: a retry). */
  public record Uploaded(ImportView view, boolean created) {}

  private final Transactions transactions;
  private final ImportStore store;
  private final ObjectMapper json;
  private final BatchItems items;
  private final SignalValidator signals;
  private final ImportConfig config;
  private final ImportMetrics metrics;

  public ImportService(
      Transactions transactions,
      ImportStore store,
      ObjectMapper json,
      BatchItems items,
      SignalValidator signals,
      ImportConfig config,
      ImportMetrics metrics) {
    this.metrics = metrics;
    this.transactions = transactions;
    this.store = store;
    this.json = json;
    this.items = items;
    this.signals = signals;
    this.config = config;
  }

  /** Thrown inside the upload's transaction when its Idempotency-Key was used before. */
  private static final class KeyUsed extends RuntimeException {
    final String sha256;

    KeyUsed(String sha256) {
      super("idempotency key used", null, false, false);
      this.sha256 = sha256;
    }
  }

  public Uploaded upload(
      String tenantId, String format, String type, String idempotencyKey, InputStream body)
      throws SQLException {
    if (type != null && !LineParser.TYPES.contains(type)) {
      throw ApiProblem.invalid("type", "must be account, signal or outcome");
    }
    long importId;
    long started = System.nanoTime();
    try {
      importId =
          transactions.inTenant(
              tenantId, c -> stage(c, tenantId, format, type, idempotencyKey, body));
    } catch (KeyUsed used) {
      ImportStore.FirstUse first =
          transactions
              .inTenant(tenantId, c -> store.byKey(c, tenantId, idempotencyKey))
              .orElseThrow(() -> ApiProblem.conflict("The import with this key is being stored"));
      if (!first.sha256().equals(used.sha256)) {
        throw ApiProblem.unprocessable(
            "Idempotency-Key",
            "was used for another file (import "
                + first.importId()
                + "); use a new key for a new file");
      }
      return new Uploaded(find(tenantId, first.importId()).orElseThrow(), false);
    } catch (UncheckedIOException e) {
      throw unreadable(e.getCause());
    }
    ImportView stored = find(tenantId, importId).orElseThrow();
    metrics.counted(0, 0, stored.lines().rejected()); // rejected while reading
    LOG.infof(
        "import %d of tenant %s: %d lines (%d bytes) stored in %d ms",
        importId,
        tenantId,
        stored.lines().read(),
        stored.bytes(),
        (System.nanoTime() - started) / 1_000_000);
    return new Uploaded(stored, true);
  }

  private long stage(
      Connection c,
      String tenantId,
      String format,
      String type,
      String idempotencyKey,
      InputStream body)
      throws SQLException {
    MessageDigest sha256 = sha256();
    Limited limited = new Limited(body, config.maxFileBytes());
    InputStream digested = new DigestInputStream(limited, sha256);
    long importId = store.nextId(c);
    if (!store.claim(c, tenantId, importId, format, type, idempotencyKey)) {
      try {
        digested.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new KeyUsed(HexFormat.of().formatHex(sha256.digest()));
    }
    try (java.sql.Statement create = c.createStatement()) {
      create.execute(ImportStore.CREATE_COPY_TABLE);
    }
    LineParser parser = new LineParser(tenantId, type, json, items, signals, Instant.now());
    long[] counts = new long[6]; // read, last line, accounts, signals, outcomes, rejected
    Copy copy = new Copy(c, tenantId, importId);
    try {
      LineReader lines = new LineReader(decompressed(digested), config.maxLineBytes());
      CharsetDecoder utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        counts[1] = line.number;
        StagedLine staged = read(line, utf8, parser, format);
        if (staged == null) {
          continue; // a blank line, or the CSV header
        }
        counts[0]++;
        if (staged.isRejected()) {
          counts[5]++;
        } else {
          counts[
              switch (staged.type()) {
                case "account" -> 2;
                case "signal" -> 3;
                default -> 4;
              }]++;
        }
        copy.add(staged, line.number);
      }
      if (format.equals("csv") && !parser.hasHeader()) {
        throw ApiProblem.invalid("header", "is required: the first line names the columns");
      }
      copy.finish();
    } catch (IOException e) {
      copy.cancel();
      throw new UncheckedIOException(e);
    } catch (SQLException | RuntimeException e) {
      copy.cancel();
      throw e;
    }
    store.counted(
        c,
        tenantId,
        importId,
        new ImportStore.Staged(
            HexFormat.of().formatHex(sha256.digest()),
            limited.count,
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            counts[4],
            counts[5]));
    return importId;
  }

  /**
   * Staged lines on their way: COPY into the temporary table, moved under the import every {@link
   * #MOVE_EVERY} lines, so that the work left when the last byte arrives is short (moving 7.7
   * million lines at the end took longer than the connection's idle timeout: the client got no
   * reply).
   */
  private final class Copy {
    private final Connection c;
    private final String tenantId;
    private final long importId;
    private final StringBuilder rows = new StringBuilder(COPY_BUFFER_CHARS + 1024);
    private CopyIn in;
    private int lines;

    Copy(Connection c, String tenantId, long importId) throws SQLException {
      this.c = c;
      this.tenantId = tenantId;
      this.importId = importId;
      this.in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ImportStore.COPY);
    }

    void add(StagedLine staged, long lineNo) throws SQLException {
      staged.appendCopyRow(rows, lineNo);
      if (rows.length() >= COPY_BUFFER_CHARS) {
        write();
      }
      if (++lines == MOVE_EVERY) {
        finish();
        in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ImportStore.COPY);
        lines = 0;
      }
    }

    void finish() throws SQLException {
      write();
      in.endCopy();
      store.moveLines(c, tenantId, importId);
    }

    void cancel() {
      try {
        if (in.isActive()) {
          in.cancelCopy();
        }
      } catch (SQLException ignored) {
        // the transaction rolls back anyway
      }
    }

    private void write() throws SQLException {
      if (rows.length() > 0) {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
      }
    }
  }

  /** The line as staged; null for a line that stages nothing. */
  private StagedLine read(
      LineReader.Line line, CharsetDecoder utf8, LineParser parser, String format) {
    if (line.tooLong) {
      return StagedLine.rejected(
          null, "line", "is longer than " + config.maxLineBytes() + " bytes", null);
    }
    int start = 0;
    if (line.number == 1
        && line.length >= 3
        && (line.bytes[0] & 0xff) == 0xEF
        && (line.bytes[1] & 0xff) == 0xBB
        && (line.bytes[2] & 0xff) == 0xBF) {
      start = 3; // a byte order mark
    }
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(line.bytes, start, line.length - start)).toString();
    } catch (CharacterCodingException e) {
      return StagedLine.rejected(
          null,
          "line",
          "is not valid UTF-8",
          new String(line.bytes, start, line.length - start, StandardCharsets.UTF_8));
    }
    if (text.isBlank()) {
      return null;
    }
    if (text.indexOf('\u0000') >= 0) {
      // As the API refuses NUL in JSON: PostgreSQL text cannot hold it.
      return StagedLine.rejected(
          null, "line", "contains a NUL character", text.replace('\u0000', '\uFFFD'));
    }
    if (format.equals("ndjson")) {
      return parser.ndjson(text);
    }
    if (!parser.hasHeader()) {
      parser.csvHeader(text);
      return null;
    }
    return parser.csv(text);
  }

  public Optional<ImportView> find(String tenantId, long importId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          Optional<ImportStore.Row> row = store.find(c, tenantId, importId);
          if (row.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(
              view(row.get(), store.rejected(c, tenantId, importId, 0, config.rejectedShown())));
        });
  }

  /** Whether the tenant has the import (without reading its rejected lines). */
  public boolean exists(String tenantId, long importId) throws SQLException {
    return transactions.inTenant(tenantId, c -> store.find(c, tenantId, importId)).isPresent();
  }

  /** The tenant's imports newest first (without their rejected lines), keyset-paged by id. */
  public List<ImportView> recent(String tenantId, Long beforeId, int limit) throws SQLException {
    return transactions.inTenant(tenantId, c -> store.recent(c, tenantId, beforeId, limit)).stream()
        .map(row -> view(row, null))
        .toList();
  }

  /** Rejected lines after the given line number, in line order. */
  public List<ImportView.RejectedLine> rejected(
      String tenantId, long importId, long after, int limit) throws SQLException {
    return transactions
        .inTenant(tenantId, c -> store.rejected(c, tenantId, importId, after, limit))
        .stream()
        .map(ImportService::rejectedLine)
        .toList();
  }

  private static ImportView view(ImportStore.Row row, List<ImportStore.Rejected> rejected) {
    return new ImportView(
        row.id(),
        row.status(),
        row.format(),
        row.defaultType(),
        row.bytes(),
        row.sha256(),
        new ImportView.Lines(
            row.linesRead(),
            row.accountLines(),
            row.signalLines(),
            row.outcomeLines(),
            row.applied(),
            row.unchanged(),
            row.rejected()),
        row.jobId(),
        row.accountsToRescore(),
        row.accountsRescored(),
        rejected == null ? null : rejected.stream().map(ImportService::rejectedLine).toList(),
        row.createdAt(),
        row.mergedAt(),
        row.finishedAt());
  }

  private static ImportView.RejectedLine rejectedLine(ImportStore.Rejected r) {
    return new ImportView.RejectedLine(r.line(), r.type(), r.field(), r.message(), r.raw());
  }

  // gzip is recognised by its magic number, whatever the headers say.
  private static InputStream decompressed(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] magic = peek.readNBytes(2);
    peek.unread(magic);
    if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(peek, 1 << 16);
    }
    return peek;
  }

  private static ApiProblem unreadable(IOException e) {
    if (e instanceof java.util.zip.ZipException) {
      return ApiProblem.invalid("body", "is not valid gzip: " + e.getMessage());
    }
    return ApiProblem.invalid("body", "could not be read to its end: " + e.getMessage());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the bytes of the body and refuses more than the limit. */
  private static final class Limited extends FilterInputStream {
    final long max;
    long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > max) {
        throw new ApiProblem(
            413,
            "too-large",
            "Content Too Large",
            "The file is larger than "
                + max
                + " bytes (healthscore.imports.max-file-bytes); split it.",
            List.of());
      }
    }
  }
}
