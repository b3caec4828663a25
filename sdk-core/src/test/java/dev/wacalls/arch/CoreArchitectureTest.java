package dev.wacalls.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core must stay free of media libraries, Spring and the testkit, so an ATS can use it alone. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wacalls");

    @Test
    void coreDoesNotDependOnMediaLibrariesSpringOrTheTestkit() {
        noClasses()
                .that().resideInAPackage("dev.wacalls..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.ice4j..", "org.jitsi..", "org.bouncycastle..", "ws.schild..",
                        "org.springframework..", "dev.wacalls.media..", "dev.wacalls.testkit..",
                        "dev.wacalls.spring..")
                .check(CORE);
    }

    @Test
    void webhooksDoNotCallTheGraphClient() {
        // Webhook parsing shares value types with the client, never its HTTP machinery.
        noClasses()
                .that().resideInAPackage("dev.wacalls.webhook..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "dev.wacalls.graph.internal..")
                .check(CORE);
    }

    @Test
    void onlyTheGraphInternalsTouchOkHttp() {
        noClasses()
                .that().resideOutsideOfPackages("dev.wacalls.graph..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(CORE);
    }
}
