package io.healthscore.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the API allows, from the resources' own annotations, for the Allow
 * header a 405 must carry (RFC 9110): Quarkus REST answers 405 without it.
 */
final class AllowedMethods {

  private record Route(Pattern path, String method) {}

  private static volatile List<Route> routes;

  private AllowedMethods() {}

  /** The methods allowed on the path, comma-separated (HEAD beside GET); null if none. */
  static String of(String path) {
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes()) {
      if (route.path().matcher(path).matches()) {
        allowed.add(route.method());
        if (route.method().equals(HttpMethod.GET)) {
          allowed.add(HttpMethod.HEAD);
        }
      }
    }
    return allowed.isEmpty() ? null : String.join(", ", allowed);
  }

  private static List<Route> routes() {
    List<Route> known = routes;
    if (known == null) {
      known = new ArrayList<>();
      for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class)) {
        Class<?> type = bean.getBeanClass();
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        for (Method method : type.getMethods()) {
          String verb = verb(method);
          if (verb != null) {
            Path sub = method.getAnnotation(Path.class);
            String template = join(root.value(), sub == null ? "" : sub.value());
            known.add(new Route(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), verb));
          }
        }
      }
      routes = known;
    }
    return known;
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static String join(String root, String sub) {
    String path = "/" + root.replaceAll("^/+|/+$", "") + "/" + sub.replaceAll("^/+|/+$", "");
    return path.replaceAll("/+$", "").replaceAll("//+", "/");
  }
}
