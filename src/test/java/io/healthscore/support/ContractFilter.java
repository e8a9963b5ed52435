package io.healthscore.support;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;

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
    Contract.assertReply(
        request.getMethod(),
        URI.create(request.getURI()).getRawPath(),
        response.statusCode(),
        response.contentType(),
        response.asString());
    return response;
  }
}
