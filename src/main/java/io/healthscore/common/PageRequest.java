package io.healthscore.common;

import jakarta.ws.rs.QueryParam;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The page parameters every list takes (a @BeanParam): limit and the previous page's cursor. */
public class PageRequest {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  @Parameter(
      description = "Page size, 1-500 (default 100).",
      schema =
          @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
  @QueryParam("limit")
  String limit;

  @Parameter(description = "nextCursor of the previous page.")
  @QueryParam("cursor")
  String cursor;

  /** The page size asked for, within the configured maximum; a 400 naming limit otherwise. */
  public int limit(Limits limits) {
    return limits.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT);
  }

  public String cursor() {
    return cursor;
  }

  /**
   * A newest-first list read by keyset: the rows are read below {@link #beforeId()} with one more
   * than the page holds, and that extra row says another page follows.
   */
  public interface NewestFirst<T> {
    List<T> read(Long beforeId, int rows) throws SQLException;
  }

  /** One page of a newest-first list of rows with increasing numeric ids (jobs, imports). */
  public <T> Page<T> newestFirst(NewestFirst<T> list, ToLongFunction<T> id, Limits limits)
      throws SQLException {
    int count = limit(limits);
    List<T> rows = list.read(cursor == null ? null : Cursor.decodeLong(cursor), count + 1);
    return rows.size() > count
        ? new Page<>(
            rows.subList(0, count),
            Cursor.encode(Long.toString(id.applyAsLong(rows.get(count - 1)))))
        : new Page<>(rows, null);
  }

  /** A page of a list read whole (see {@link Page#of}). */
  public <T> Page<T> of(List<T> ordered, Function<T, String> id, Limits limits) {
    return Page.of(ordered, id, limit(limits), cursor);
  }
}
