package org.residentregistry.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.residentregistry.core.identity.IndividualNumberLookup;

/** The boundaries the module layout promises, checked on the compiled classes. */
@AnalyzeClasses(packages = "org.residentregistry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfWebAndSql = noClasses()
            .that().resideInAPackage("org.residentregistry.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.servlet..", "java.sql..", "javax.sql..", "org.postgresql..",
                    "org.residentregistry.api..", "org.residentregistry.projections..")
            .because("registry-core holds the domain: aggregates, commands, events, rules — no web, no SQL");

    @ArchTest
    static final ArchRule projectionsKnowNothingOfTheWeb = noClasses()
            .that().resideInAPackage("org.residentregistry.projections..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "jakarta.servlet..", "org.residentregistry.api..")
            .because("read models are written by event handlers and read by the server, not the other way round");

    @ArchTest
    static final ArchRule overseasFileReachesTheIdentityFileOnlyThroughItsPort = noClasses()
            .that().resideInAPackage("org.residentregistry..overseas..")
            .should().dependOnClassesThat(resideInAPackage("org.residentregistry..identity..")
                    .and(not(equivalentTo(IndividualNumberLookup.class))))
            .because("the only access between the two files is the individual number of an overseas provision (domain.md §1.2)");

    @ArchTest
    static final ArchRule identityFileKnowsNothingOfTheOverseasFile = noClasses()
            .that().resideInAPackage("org.residentregistry..identity..")
            .should().dependOnClassesThat().resideInAPackage("org.residentregistry..overseas..")
            .because("the identity file offers the overseas file one port and depends on nothing of it");
}
