package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Items grouped by a key in key order, the items without a key last. */
final class Groups {

  private Groups() {}

  static <T> Map<String, List<T>> byKey(Collection<T> items, Function<T, String> key) {
    Map<String, List<T>> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    items.forEach(
        item -> groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item));
    return groups;
  }
}
