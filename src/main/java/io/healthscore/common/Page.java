package io.healthscore.common;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: every list of the API answers in this shape. */
public record Page<T>(
    @Schema(description = "The items of this page.") List<T> items,
    @Schema(
            description = "Opaque cursor for the next page; absent on the last page.",
            example = "MR8xNzY0MDAwMDAwMDAw")
        String nextCursor) {

  /**
   * A page of a list read whole, in its order: the items after the one the cursor names by id. For
   * lists small by nature (keys, webhooks, versions) or computed in memory (coverage gaps); a
   * cursor whose item has left the list since is a 400, never a page that skips or repeats.
   */
  public static <T> Page<T> of(List<T> ordered, Function<T, String> id, int limit, String cursor) {
    int from = 0;
    if (cursor != null) {
      String last = Cursor.decode(cursor, 1).get(0);
      from = -1;
      for (int i = 0; i < ordered.size(); i++) {
        if (id.apply(ordered.get(i)).equals(last)) {
          from = i + 1;
          break;
        }
      }
      if (from < 0) {
        throw ApiProblem.invalid(
            "cursor", "names an item no longer in the list; start again without a cursor");
      }
    }
    int to = Math.min(ordered.size(), from + limit);
    return new Page<>(
        List.copyOf(ordered.subList(from, to)),
        to < ordered.size() ? Cursor.encode(id.apply(ordered.get(to - 1))) : null);
  }
}
