package io.healthscore.common;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query values carrying control characters (NUL, line breaks) are refused with the
 * parameter's name before any use: no id or filter has them, and PostgreSQL cannot store NUL.
 */
public class ControlCharacters {

  @ServerRequestFilter
  public void refuse(UriInfo uri) {
    check(uri.getPathParameters());
    check(uri.getQueryParameters());
  }

  private static void check(MultivaluedMap<String, String> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      for (String value : parameter.getValue()) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
          throw ApiProblem.invalid(parameter.getKey(), "must not contain control characters");
        }
      }
    }
  }
}
