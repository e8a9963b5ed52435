package io.healthscore.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The tenant of the request being served, as authentication found it: kept in the request's Vert.x
 * context (the same on the I/O thread and the worker serving the request), so that plumbing below
 * authentication (idempotency, say) can scope its work without knowing how callers are
 * authenticated.
 */
public final class RequestTenant {

  private static final String KEY = RequestTenant.class.getName();

  private RequestTenant() {}

  /** Called by authentication once it knows the caller's tenant. */
  public static void bind(Context context, String tenantId) {
    context.putLocal(KEY, tenantId);
  }

  /** The tenant of the request being served; fails outside an authenticated request. */
  public static String current() {
    Context context = Vertx.currentContext();
    String tenant = context == null ? null : context.getLocal(KEY);
    if (tenant == null) {
      throw new IllegalStateException("no authenticated tenant on this thread");
    }
    return tenant;
  }
}
