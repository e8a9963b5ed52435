package io.healthscore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * The layers: features above the scoring core, plumbing (common, security) below everything and
 * knowing no feature. Package cycles that exist today are frozen in src/test/archunit-store (each
 * one removed is dropped from it for good); a new cycle fails the build.
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
  static final ArchRule no_new_package_cycles =
      FreezingArchRule.freeze(slices().matching("io.healthscore.(*)..").should().beFreeOfCycles());
}
