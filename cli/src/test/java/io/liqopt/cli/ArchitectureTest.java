package io.liqopt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph of {@code ../shared/STYLE.md} §1 as a test, on the main classes of every module
 * (cli's runtime class path holds them all): a pure-Java core; the adapters store (Parquet/Hadoop),
 * ml (Tribuo/DJL) and report (XChart, jte templates) on core only; the applications training,
 * backtest and serving on core and the adapters they need, never on each other (serving not on
 * report); cli over all. Maven already refuses an import of a module a pom does not name; this test
 * also keeps each heavy library inside its one module and core free of them.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the modules' test jars (shared test helpers) are tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.liqopt");
  }

  @Test
  void modules_dependOnlyDownTheGraph() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core")
        .definedBy("io.liqopt.core..")
        .layer("store")
        .definedBy("io.liqopt.store..")
        .layer("ml")
        .definedBy("io.liqopt.ml..")
        .layer("report")
        .definedBy("io.liqopt.report..")
        .layer("training")
        .definedBy("io.liqopt.training..")
        .layer("backtest")
        .definedBy("io.liqopt.backtest..")
        .layer("serving")
        .definedBy("io.liqopt.serving..")
        .layer("cli")
        .definedBy("io.liqopt.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("training")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("backtest")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("serving")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("training", "backtest", "cli")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("training", "serving", "cli")
        .whereLayer("ml")
        .mayOnlyBeAccessedByLayers("training", "serving", "cli")
        .check(main);
  }

  @Test
  void core_usesOnlyTheJdkHipparchusAndJackson() {
    classes()
        .that()
        .resideInAPackage("io.liqopt.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.liqopt.core..", "java..", "org.hipparchus..", "com.fasterxml.jackson..")
        .check(main);
  }

  @Test
  void parquetAndHadoop_onlyInStore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.parquet..", "org.apache.hadoop..")
        .check(main);
  }

  @Test
  void tribuoXgboostAndDjl_onlyInMl() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.ml..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.tribuo..", "ml.dmlc..", "ai.djl..")
        .check(main);
  }

  @Test
  void xchartAndAwt_onlyInReport() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.knowm.xchart..", "java.awt..")
        .check(main);
  }

  @Test
  void templateEngine_onlyInReport() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("gg.jte..")
        .check(main);
  }

  @Test
  void javalin_onlyInServing_picocli_onlyInCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.serving..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.liqopt.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(main);
  }

  /** A guard against an empty import, which would let every rule pass. */
  @Test
  void import_holdsEveryModule() {
    for (String module :
        new String[] {"core", "store", "ml", "report", "training", "backtest", "serving", "cli"}) {
      DescribedPredicate<JavaClass> in =
          JavaClass.Predicates.resideInAPackage("io.liqopt." + module + "..");
      if (main.stream().noneMatch(in::test)) {
        throw new AssertionError("no main class of " + module + " imported");
      }
    }
  }
}
