package io.healthscore.security;

import io.healthscore.common.RequestTenant;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Set;

/**
 * Who is calling: the tenant and key the request's API key names. Kept in the request's Vert.x
 * context, so it is the same on the I/O thread and on the worker thread serving the request.
 */
public record Caller(String tenantId, String keyId, Set<Scope> scopes, Integer rateLimit) {

  private static final String KEY = Caller.class.getName();

  public boolean may(Scope scope) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
  }

  /** True when the caller administers the deployment (an admin key of the operator's tenant). */
  public boolean isOperator() {
    return scopes.contains(Scope.ADMIN) && Tenants.OPERATOR.equals(tenantId);
  }

  static void bind(Context context, Caller caller) {
    context.putLocal(KEY, caller);
    RequestTenant.bind(context, caller.tenantId());
  }

  /** The caller of the request being served; fails outside an authenticated request. */
  public static Caller current() {
    Context context = Vertx.currentContext();
    Caller caller = context == null ? null : context.getLocal(KEY);
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller on this thread");
    }
    return caller;
  }
}
