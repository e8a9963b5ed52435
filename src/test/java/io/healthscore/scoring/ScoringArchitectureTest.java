package io.healthscore.scoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The scoring core stays plain Java, so it can be tested and reused without the service. */
@AnalyzeClasses(packages = "io.healthscore", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringArchitectureTest {

  @ArchTest
  static final ArchRule scoring_core_has_no_framework_imports =
      noClasses()
          .that()
          .resideInAPackage("io.healthscore.scoring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..",
              "javax..",
              "io.quarkus..",
              "org.hibernate..",
              "com.fasterxml..",
              "io.vertx..",
              "org.eclipse.microprofile..",
              "org.jboss..",
              "io.smallrye..");

  @ArchTest
  static final ArchRule scoring_core_does_not_depend_on_the_service =
      noClasses()
          .that()
          .resideInAPackage("io.healthscore.scoring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.healthscore.account..",
              "io.healthscore.signal..",
              "io.healthscore.health..",
              "io.healthscore.scorecard..",
              "io.healthscore.common..");
}
