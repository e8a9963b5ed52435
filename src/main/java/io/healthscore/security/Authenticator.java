package io.healthscore.security;

import io.healthscore.common.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every /v1 request: the API key (Authorization: Bearer) names the caller, the operation's {@link
 * RequiresScope} must be among the key's scopes, and the key's rate limit must allow it. A recently
 * seen key is checked in memory, on whichever thread the request is on; an unseen one is looked up
 * on a worker thread, never on the I/O thread.
 */
public class Authenticator {

  private static final String QUOTA = RateLimiter.Quota.class.getName();
  private static final String BEARER = "bearer ";

  private final ApiKeys keys;
  private final RateLimiter limiter;

  public Authenticator(ApiKeys keys, RateLimiter limiter) {
    this.keys = keys;
    this.limiter = limiter;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    RequiresScope required = method == null ? null : method.getAnnotation(RequiresScope.class);
    String key = bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    Context context = Vertx.currentContext();
    Optional<Caller> remembered = keys.remembered(key);
    if (remembered.isPresent()) {
      admit(request, context, remembered.get(), required);
      return Uni.createFrom().voidItem();
    }
    // Back on the request's own context afterwards: the rest of the request runs where the
    // caller is bound.
    return Uni.createFrom()
        .item(() -> lookUp(key))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .emitOn(task -> context.runOnContext(ignored -> task.run()))
        .invoke(caller -> admit(request, context, caller, required))
        .replaceWithVoid();
  }

  @ServerResponseFilter
  public void quotaHeaders(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(QUOTA) instanceof RateLimiter.Quota quota) {
      quota.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    }
  }

  private Caller lookUp(String key) {
    try {
      return keys.authenticate(key)
          .orElseThrow(
              () -> ApiProblem.unauthorized("The API key is not known or has been revoked."));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void admit(
      ContainerRequestContext request, Context context, Caller caller, RequiresScope required) {
    if (required == null) {
      throw ApiProblem.forbidden("This operation is not open to API keys.");
    }
    if (!caller.may(required.value())) {
      throw ApiProblem.forbidden(
          "This API key lacks the scope '" + required.value().id() + "' that the operation needs.");
    }
    Caller.bind(context, caller);
    RateLimiter.Quota quota = limiter.acquire(caller);
    if (quota != null) {
      request.setProperty(QUOTA, quota);
    }
  }

  private static String bearerKey(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiProblem.unauthorized("Send an API key as 'Authorization: Bearer <key>'.");
    }
    if (authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiProblem.unauthorized("The Authorization header must be 'Bearer <key>'.");
    }
    String key = authorization.substring(BEARER.length()).trim();
    if (key.isEmpty() || key.length() > 200) {
      throw ApiProblem.unauthorized("The API key is not known or has been revoked.");
    }
    return key;
  }
}
