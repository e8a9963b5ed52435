package io.healthscore;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layers, top to bottom: features (account, signal, scorecard, job, outcome, portfolio,
 * analytics, webhook, tenant, demo, consistency); health, the write path with the catalog of
 * scorecards and signal keys it reads; the scoring core; plumbing (common, security), which knows
 * no feature. No package cycles; no resource reaches into another package's store. One persistence
 * and transaction model: plain JDBC through common.Transactions, which alone opens connections and
 * ends transactions (docs/architecture.md, "Persistence").
 */
@AnalyzeClasses(packages = "io.healthscore", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String[] FEATURES = {
    "io.healthscore.account..",
    "io.healthscore.analytics..",
    "io.healthscore.consistency..",
    "io.healthscore.demo..",
    "io.healthscore.health..",
    "io.healthscore.job..",
    "io.healthscore.outcome..",
    "io.healthscore.portfolio..",
    "io.healthscore.scorecard..",
    "io.healthscore.signal..",
    "io.healthscore.tenant..",
    "io.healthscore.webhook.."
  };

  /** CEL's API hands back Guava's immutable collections: the one library beside CEL. */
  @ArchTest
  static final ArchRule scoring_depends_on_java_cel_and_itself_only =
      classes()
          .that()
          .resideInAPackage("io.healthscore.scoring..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "dev.cel..", "com.google.common.collect..", "io.healthscore.scoring..");

  @ArchTest
  static final ArchRule plumbing_knows_no_feature =
      noClasses()
          .that()
          .resideInAnyPackage("io.healthscore.common..", "io.healthscore.security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES);

  @ArchTest
  static final ArchRule common_does_not_depend_on_security =
      noClasses()
          .that()
          .resideInAPackage("io.healthscore.common..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.healthscore.security..");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("io.healthscore.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule the_write_path_knows_no_feature =
      noClasses()
          .that()
          .resideInAPackage("io.healthscore.health..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              java.util.Arrays.stream(FEATURES)
                  .filter(p -> !p.equals("io.healthscore.health.."))
                  .toArray(String[]::new));

  @ArchTest
  static final ArchRule resources_reach_into_no_other_package_store =
      classes()
          .that()
          .haveSimpleNameEndingWith("Resource")
          .should(
              new ArchCondition<JavaClass>("use no store of another package") {
                @Override
                public void check(JavaClass resource, ConditionEvents events) {
                  for (Dependency d : resource.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.getSimpleName().endsWith("Store")
                        && !target.getPackageName().equals(resource.getPackageName())) {
                      events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                  }
                }
              });

  @ArchTest
  static final ArchRule no_orm_and_no_jta =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "jakarta.persistence..",
                      "jakarta.transaction..",
                      "io.quarkus.hibernate..",
                      "org.hibernate..")
                  // Hibernate Validator's constraints (e.g. @DurationMin on settings) are not ORM.
                  .and(not(resideInAPackage("org.hibernate.validator.."))));

  @ArchTest
  static final ArchRule only_transactions_opens_connections_and_ends_transactions =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.healthscore.common.Transactions")
          .and()
          .doNotHaveFullyQualifiedName("io.healthscore.common.EmbeddedDatabase")
          .should()
          .callMethod(javax.sql.DataSource.class, "getConnection")
          .orShould()
          .callMethod(java.sql.Connection.class, "commit")
          .orShould()
          .callMethod(java.sql.Connection.class, "rollback")
          .orShould()
          .callMethod(java.sql.Connection.class, "setAutoCommit", boolean.class);

  /** The service's own settings are @ConfigMapping interfaces (ConfigMappingsTest). */
  @ArchTest
  static final ArchRule only_quarkus_settings_are_read_one_by_one =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.healthscore.common.Draining")
          .and()
          .doNotHaveFullyQualifiedName("io.healthscore.common.RequestBodies")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.eclipse.microprofile.config.inject.ConfigProperty");
}
