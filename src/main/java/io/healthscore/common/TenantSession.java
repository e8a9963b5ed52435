package io.healthscore.common;

import jakarta.persistence.EntityManager;

/** Row-level security for reads through Hibernate: names the tenant of the JTA transaction. */
public final class TenantSession {

  private TenantSession() {}

  /** Call first in a {@code @Transactional} method; the setting ends with the transaction. */
  public static void set(EntityManager entityManager, String tenantId) {
    entityManager
        .createNativeQuery("select set_config('" + Transactions.TENANT_SETTING + "', ?1, true)")
        .setParameter(1, tenantId)
        .getSingleResult();
  }
}
