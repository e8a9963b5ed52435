package io.healthscore.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded PostgreSQL for every @QuarkusTest in the module. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class UsesDatabase {
  private UsesDatabase() {}
}
