package io.healthscore.support;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.List;

/**
 * Checks every response a test receives against the committed OpenAPI document and fails the test
 * on the first mismatch, so the document cannot drift from what the service does.
 */
public final class ContractFilter implements Filter {

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(request, responseSpec);
    String path = URI.create(request.getURI()).getRawPath();
    List<String> violations =
        Contract.committed()
            .violations(
                request.getMethod(),
                path,
                response.statusCode(),
                response.contentType(),
                response.asString());
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "response does not match openapi/openapi.json:\n  "
              + String.join("\n  ", violations)
              + "\nbody: "
              + abbreviate(response.asString()));
    }
    return response;
  }

  private static String abbreviate(String body) {
    return body.length() > 2_000 ? body.substring(0, 2_000) + "..." : body;
  }
}
