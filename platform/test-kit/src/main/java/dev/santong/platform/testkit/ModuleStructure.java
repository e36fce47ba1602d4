package dev.santong.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The build's hold on a service's modules. Each direct sub-package of the application's package is a module
 * (Spring Modulith): other modules use only the public types of its base package, never its sub-packages, and
 * modules never depend on each other in a cycle. Each table the service's migrations create has exactly one owner,
 * declared with {@code @OwnsTables} on the owner's {@code package-info.java}, and only the owner's code writes SQL
 * that names it. Controllers never talk SQL ({@link CapabilityStructure}).
 */
public final class ModuleStructure {

    private static final String OWNS_TABLES = "dev.santong.platform.kit.module.OwnsTables";
    /** Tables the service kit creates and queries itself (the idempotent write, cluster jobs, the outbox). */
    private static final Set<String> KIT_TABLES = Set.of("idempotency_request", "shedlock", "event_publication",
            "event_publication_archive", "outbox_failure", "flyway_schema_history");
    private static final Pattern SQL_TABLE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|exists)\\s+`?([a-z_][a-z0-9_]*)");
    private static final Pattern CREATED_TABLE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?`?([a-z_][a-z0-9_]*)");

    private ModuleStructure() {
    }

    /** A service's own layout: its main sources and Flyway migrations, run from the service's directory. */
    public static void verify(Class<?> application) {
        verify(application, ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, Path.of("src/main/java"),
                Path.of("src/main/resources/db/migration"));
    }

    /** The same checks over any layout (the rules' own test feeds deliberately wrong fixtures from its test classes). */
    public static void verify(Class<?> application, ImportOption classes, Path sources, Path migrations) {
        ApplicationModules modules = ApplicationModules.of(application, classes);
        modules.verify();
        JavaClasses imported = new ClassFileImporter().withImportOption(classes).importPackages(application.getPackageName());
        verifyTableOwnership(application.getPackageName(), modules, imported, sources, migrations);
        CapabilityStructure.verify(application.getPackageName(), imported);
    }

    /**
     * Writes the module diagrams (PlantUML, one for the service and one per module) into {@code target}, and fails
     * when the copy in {@code docs/modules/<service>} differs: run {@code ./santong docs} to refresh it.
     */
    public static void verifyDiagramsAreCurrent(Class<?> application, Path docs) {
        ApplicationModules modules = ApplicationModules.of(application);
        Path generated = Path.of("target", "module-diagrams");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        try {
            if (Boolean.getBoolean("santong.docs.write")) {
                Files.createDirectories(docs);
                try (Stream<Path> old = Files.list(docs)) {
                    for (Path stale : old.filter(p -> p.toString().endsWith(".puml")).toList()) {
                        Files.delete(stale);
                    }
                }
            }
            List<String> stale = new ArrayList<>();
            try (Stream<Path> files = Files.list(generated)) {
                for (Path diagram : files.filter(p -> p.toString().endsWith(".puml")).sorted().toList()) {
                    Path committed = docs.resolve(diagram.getFileName());
                    String current = stableOrder(Files.readString(diagram));
                    if (Boolean.getBoolean("santong.docs.write")) {
                        Files.writeString(committed, current);
                    } else if (!Files.exists(committed) || !Files.readString(committed).equals(current)) {
                        stale.add(committed.toString());
                    }
                }
            }
            if (!stale.isEmpty()) {
                throw new AssertionError("Module diagrams differ from the code: " + stale + ". Run ./santong docs and commit them.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documenter lists components and relations in hash order: sorted, the same code gives the same file. */
    static String stableOrder(String plantUml) {
        List<String> lines = new ArrayList<>(List.of(plantUml.split("\n", -1)));
        int start = 0;
        while (start < lines.size()) {
            int end = start;
            while (end < lines.size() && isListed(lines.get(end)) && sameKind(lines.get(start), lines.get(end))) {
                end++;
            }
            if (end > start + 1) {
                lines.subList(start, end).sort(null);
            }
            start = Math.max(end, start + 1);
        }
        return String.join("\n", lines);
    }

    private static boolean isListed(String line) {
        String element = line.strip();
        return element.startsWith("Rel(") || element.startsWith("Component(") || element.startsWith("Container(");
    }

    private static boolean sameKind(String first, String other) {
        return first.strip().substring(0, 4).equals(other.strip().substring(0, 4))
                && first.length() - first.stripLeading().length() == other.length() - other.stripLeading().length();
    }

    private static void verifyTableOwnership(String root, ApplicationModules modules, JavaClasses classes, Path sources, Path migrations) {
        Set<String> tables = createdTables(migrations);
        Map<String, String> owners = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (ApplicationModule module : modules) {
            for (String table : declaredTables(classes, module.getBasePackage().getName())) {
                String earlier = owners.put(table, module.getBasePackage().getName());
                if (earlier != null) {
                    violations.add("table " + table + " is claimed by both " + earlier + " and " + module.getBasePackage().getName());
                }
                if (!tables.contains(table)) {
                    violations.add(module.getBasePackage().getName() + " claims table " + table + " that no migration creates");
                }
            }
        }
        for (String table : tables) {
            if (!owners.containsKey(table) && !KIT_TABLES.contains(table)) {
                violations.add("table " + table + " has no owning module (@OwnsTables on a module's package-info)");
            }
        }
        List<String> modulePackages = modules.stream().map(m -> m.getBasePackage().getName())
                .sorted(Comparator.comparing(String::length).reversed()).toList();
        try (Stream<Path> files = Files.walk(sources)) {
            // package-info.java declares the tables (@OwnsTables) rather than using them.
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList()) {
                String source = Files.readString(file);
                String pkg = packageOf(source);
                if (!pkg.equals(root) && !pkg.startsWith(root + ".")) {
                    continue;
                }
                Optional<String> module = modulePackages.stream().filter(m -> pkg.equals(m) || pkg.startsWith(m + ".")).findFirst();
                for (String table : tablesNamedIn(source, tables)) {
                    String owner = owners.get(table);
                    if (owner != null && !module.equals(Optional.of(owner))) {
                        violations.add(sources.relativize(file) + " names table " + table + " in SQL, but it is owned by " + owner);
                    } else if (owner == null && KIT_TABLES.contains(table)) {
                        violations.add(sources.relativize(file) + " names the service kit's table " + table);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("Table ownership violated:\n- " + String.join("\n- ", violations));
        }
    }

    private static Set<String> declaredTables(JavaClasses classes, String modulePackage) {
        if (!classes.containPackage(modulePackage)) {
            return Set.of();
        }
        Set<String> declared = new TreeSet<>();
        classes.getPackage(modulePackage).tryGetPackageInfo().ifPresent(info -> {
            for (JavaAnnotation<?> annotation : info.getAnnotations()) {
                if (annotation.getRawType().getName().equals(OWNS_TABLES)) {
                    Object value = annotation.get("value").orElse(new Object[0]);
                    for (Object table : (Object[]) value) {
                        declared.add(table.toString().toLowerCase());
                    }
                }
            }
        });
        return declared;
    }

    private static Set<String> createdTables(Path migrations) {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path migration : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher created = CREATED_TABLE.matcher(Files.readString(migration));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** Tables named by SQL in the source's string literals, or named alone by a literal (a table list in code). */
    static Set<String> tablesNamedIn(String source, Set<String> tables) {
        Set<String> named = new TreeSet<>();
        for (String literal : JavaLiterals.stringsIn(source)) {
            Matcher sql = SQL_TABLE.matcher(literal);
            while (sql.find()) {
                if (tables.contains(sql.group(1).toLowerCase())) {
                    named.add(sql.group(1).toLowerCase());
                }
            }
            if (literal.contains("_") && tables.contains(literal)) {
                named.add(literal);
            }
        }
        return named;
    }

    private static String packageOf(String source) {
        Matcher declaration = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(source);
        return declaration.find() ? declaration.group(1) : "";
    }
}
