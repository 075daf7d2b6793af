package cn.jinjiang.emergency.architecture;

import cn.jinjiang.emergency.shared.testing.RepositoryRoot;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walls between the services' packages, read from their compiled classes: the domain knows nothing of HTTP, the
 * gateway's Kafka side and picture know nothing of its screens, no two packages of a service import each other, and
 * no main class grows past what one reader takes in at once. docs/architecture.md describes the shape these hold.
 */
class ArchitectureTest {

    private static final int MAX_LINES = 300;
    private static final List<String> MODULES = List.of("shared", "incident-intake", "resource-dispatch",
            "warning-broadcast", "material-reserves", "command-gateway");

    private static JavaClasses classes;

    @BeforeAll
    static void importCompiledClasses() {
        Path services = RepositoryRoot.get().resolve("services");
        List<Path> compiled = MODULES.stream().map(module -> services.resolve(module).resolve("target/classes"))
                .toList();
        compiled.forEach(dir -> assertTrue(Files.isDirectory(dir), dir + " is not compiled yet"));
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(compiled);
    }

    @Test
    void noDomainPackageKnowsHttp() {
        noClasses().that().resideInAPackage("cn.jinjiang.emergency..domain..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("the domain returns results or throws domain exceptions; the problem mappers speak HTTP")
                .check(classes);
    }

    @Test
    void theGatewaysKafkaSideAndPictureKnowNothingOfItsScreens() {
        noClasses().that().resideInAnyPackage("cn.jinjiang.emergency.gateway.messaging..",
                        "cn.jinjiang.emergency.gateway.picture..")
                .should().dependOnClassesThat().resideInAPackage("cn.jinjiang.emergency.gateway.screens..")
                .because("the picture hands committed changes to its listeners; the screens are one of them")
                .check(classes);
    }

    @Test
    void noTwoPackagesImportEachOther() {
        slices().matching("cn.jinjiang.emergency.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyMainClassIsUnderThreeHundredLines() throws IOException {
        Path services = RepositoryRoot.get().resolve("services");
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(services)) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> lines(file) >= MAX_LINES)
                    .map(file -> services.relativize(file) + " (" + lines(file) + " lines)")
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), tooLong);
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
