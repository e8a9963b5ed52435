package io.healthscore.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the embedded PostgreSQL and the stand-in trace collector for every @QuarkusTest in the
 * module.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OtlpCollector.class)
public final class UsesDatabase {
  private UsesDatabase() {}
}
