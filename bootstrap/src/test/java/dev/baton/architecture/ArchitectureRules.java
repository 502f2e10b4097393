package dev.baton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The module table of docs/architecture.md as ArchUnit rules. */
final class ArchitectureRules {
  private ArchitectureRules() {}

  static final String DOMAIN = "dev.baton.domain..";
  static final String APPLICATION = "dev.baton.application..";
  static final String ADAPTERS = "dev.baton.adapters..";
  static final String PERSISTENCE = "dev.baton.persistence..";
  static final String BOOTSTRAP = "dev.baton.bootstrap..";
  static final String SIMULATOR = "dev.baton.simulator..";
  static final String EMBEDDED = "dev.baton.embedded..";
  static final String BENCHMARKS = "dev.baton.benchmarks..";

  /** Packages each rule names; each must hold classes, or the rules would check nothing. */
  static final List<String> NAMED_PACKAGES =
      List.of(
          "dev.baton.domain",
          "dev.baton.domain.port",
          "dev.baton.application",
          "dev.baton.application.port.in",
          "dev.baton.persistence",
          "dev.baton.adapters.sqlite",
          "dev.baton.adapters.postgres",
          "dev.baton.adapters.http",
          "dev.baton.adapters.llm",
          "dev.baton.simulator",
          "dev.baton.embedded",
          "dev.baton.embedded.internal",
          "dev.baton.bootstrap");

  static final ArchRule DOMAIN_USES_ONLY_THE_JDK =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, "java..")
          .because("the domain is plain Java");

  static final ArchRule DOMAIN_USES_NO_SQL =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..")
          .because("storage is an adapter's business");

  static final ArchRule APPLICATION_USES_ONLY_DOMAIN_AND_SLF4J =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, APPLICATION, "java..", "javax.crypto..", "org.slf4j..")
          .because("use cases know no adapter and no framework (the JDK's HMAC is no framework)");

  static final ArchRule APPLICATION_USES_NO_FRAMEWORK =
      noClasses()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ADAPTERS,
              BOOTSTRAP,
              "com.google.inject..",
              "jakarta.inject..",
              "javax.inject..",
              "org.jdbi..",
              "com.zaxxer.hikari..",
              "io.javalin..",
              "io.micrometer..",
              "java.sql..",
              "javax.sql..")
          .because("the module table keeps the application free of these");

  static final ArchRule PERSISTENCE_USES_ONLY_DOMAIN_AND_JDBI =
      classes()
          .that()
          .resideInAPackage(PERSISTENCE)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, PERSISTENCE, "java..", "org.jdbi..")
          .because("what both database adapters share knows neither of them");

  static final ArchRule ADAPTERS_DO_NOT_USE_EACH_OTHER =
      slices()
          .matching("dev.baton.adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .because("each adapter talks only to the ports");

  static final ArchRule ADAPTERS_DO_NOT_USE_BOOTSTRAP =
      noClasses()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BOOTSTRAP)
          .because("wiring depends on adapters, never the reverse");

  static final ArchRule SIMULATOR_USES_ONLY_DOMAIN_AND_AN_HTTP_SERVER =
      classes()
          .that()
          .resideInAPackage(SIMULATOR)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              SIMULATOR,
              DOMAIN,
              "java..",
              "io.javalin..",
              "jakarta.servlet..",
              "com.fasterxml.jackson..",
              "org.slf4j..")
          .because("the simulated provider is a server of the wire formats, not a part of Baton");

  static final ArchRule NO_CORE_OR_ADAPTER_USES_THE_SIMULATOR =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION, ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SIMULATOR)
          .because("the simulated provider is for demo, tests and benchmarks only");

  static final ArchRule EMBEDDED_IS_THE_CORE_AND_THE_DATABASE_ADAPTERS =
      classes()
          .that()
          .resideInAPackage(EMBEDDED)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              EMBEDDED,
              DOMAIN,
              APPLICATION,
              PERSISTENCE,
              "dev.baton.adapters.postgres..",
              "dev.baton.adapters.sqlite..",
              "dev.baton.adapters.llm..",
              "dev.baton.adapters.webhook..",
              "java..",
              "javax.sql..",
              "org.jdbi..",
              "org.slf4j..",
              "com.google.inject..")
          .because(
              "a service that embeds Baton gets no HTTP server, no command line, no logging backend"
                  + " and no provider SDK with it");

  static final ArchRule ONLY_THE_SERVICE_USES_THE_LIBRARYS_INTERNALS =
      noClasses()
          .that()
          .resideOutsideOfPackages(EMBEDDED, BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.baton.embedded.internal..")
          .because("dev.baton.embedded.internal is no API: only the Baton service builds on it");

  static final ArchRule ONLY_BOOTSTRAP_AND_THE_EMBEDDED_MODULE_USE_GUICE =
      noClasses()
          .that()
          .resideOutsideOfPackage(BOOTSTRAP)
          .and()
          .doNotHaveFullyQualifiedName("dev.baton.embedded.BatonModule")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
          .because(
              "the core is free of injection annotations; bootstrap wires explicitly, and"
                  + " embedded's BatonModule is an optional extra for hosts that use Guice");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.baton.(**)").should().beFreeOfCycles();

  static final ArchRule PORTS_LIVE_IN_THE_DOMAIN =
      classes()
          .that()
          .haveSimpleNameEndingWith("Port")
          .should()
          .resideInAPackage("dev.baton.domain.port")
          .andShould()
          .beInterfaces()
          .because("driven ports are domain interfaces named ...Port");

  /**
   * Not in {@link #ALL}: benchmarks depends on bootstrap, so its classes are not on bootstrap's
   * classpath. The benchmarks module checks this rule on its own classes (its ArchitectureTest,
   * with this class from bootstrap's test jar).
   */
  static final ArchRule BENCHMARKS_USE_BATON_AS_A_LIBRARY =
      noClasses()
          .that()
          .resideInAPackage(BENCHMARKS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS, APPLICATION, PERSISTENCE, "dev.baton.embedded.internal..")
          .because(
              "the benchmarks run Baton as a service or a library would: its jar, or the public"
                  + " API of embedded against the simulator");

  static final List<ArchRule> ALL =
      List.of(
          DOMAIN_USES_ONLY_THE_JDK,
          DOMAIN_USES_NO_SQL,
          APPLICATION_USES_ONLY_DOMAIN_AND_SLF4J,
          APPLICATION_USES_NO_FRAMEWORK,
          PERSISTENCE_USES_ONLY_DOMAIN_AND_JDBI,
          ADAPTERS_DO_NOT_USE_EACH_OTHER,
          ADAPTERS_DO_NOT_USE_BOOTSTRAP,
          SIMULATOR_USES_ONLY_DOMAIN_AND_AN_HTTP_SERVER,
          NO_CORE_OR_ADAPTER_USES_THE_SIMULATOR,
          EMBEDDED_IS_THE_CORE_AND_THE_DATABASE_ADAPTERS,
          ONLY_THE_SERVICE_USES_THE_LIBRARYS_INTERNALS,
          ONLY_BOOTSTRAP_AND_THE_EMBEDDED_MODULE_USE_GUICE,
          NO_PACKAGE_CYCLES,
          PORTS_LIVE_IN_THE_DOMAIN);
}
