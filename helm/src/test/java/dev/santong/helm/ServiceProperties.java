package dev.santong.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * What a deployable reads from its configuration, from its sources: the keys of its application.yaml, the
 * placeholders there and in @Value, its and the service kit's @ConfigurationProperties, and getProperty calls.
 * Whether an environment variable reaches one of them is decided by Spring Boot's own relaxed binding.
 */
final class ServiceProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}$]+)(:)?");
    private static final Pattern CONFIGURATION_PROPERTIES = Pattern.compile(
            "@ConfigurationProperties\\(\"([^\"]+)\"\\)\\s*(?:public\\s+)?record \\w+\\((.*?)\\)\\s*\\{", Pattern.DOTALL);
    private static final Pattern GET_PROPERTY = Pattern.compile("getProperty\\(\"([^\"]+)\"");

    /** Property names (in their canonical dotted form) the deployable reads. */
    final Set<String> properties = new TreeSet<>();
    /** Environment variables named directly in a placeholder, e.g. ${SANTONG_ISSUER_URI:...}. */
    final Set<String> environmentPlaceholders = new TreeSet<>();
    /** Environment variables named in a placeholder without a default: the deployable cannot start without them. */
    final Set<String> required = new TreeSet<>();

    static ServiceProperties of(Path root, String module) {
        ServiceProperties read = new ServiceProperties();
        read.yaml(root.resolve(module).resolve("src/main/resources/application.yaml"));
        read.sources(root.resolve(module).resolve("src/main/java"));
        if (!module.equals("hq-console")) {
            read.sources(root.resolve("platform/service-kit/src/main/java"));
        }
        return read;
    }

    /** Whether the variable, as Spring Boot reads the environment, sets something this deployable reads. */
    boolean reads(String variable) {
        if (environmentPlaceholders.contains(variable)) {
            return true;
        }
        ConfigurationPropertySource environment = ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource("env", Map.of(variable, "x"))).iterator().next();
        for (String property : properties) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
            if (environment.getConfigurationProperty(name) != null) {
                return true;
            }
        }
        return false;
    }

    private void yaml(Path file) {
        String text = read(file);
        for (Object document : new Yaml().loadAll(text)) {
            flatten("", document);
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            placeholder(placeholder.group(1), placeholder.group(2) != null);
        }
    }

    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value));
        } else if (!prefix.isEmpty()) {
            properties.add(prefix);
        }
    }

    private void placeholder(String name, boolean hasDefault) {
        if (name.matches("[A-Z0-9_]+")) {
            environmentPlaceholders.add(name);
            if (!hasDefault) {
                required.add(name);
            }
        } else {
            properties.add(name);
        }
    }

    private void sources(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String source = read(file);
                Matcher record = CONFIGURATION_PROPERTIES.matcher(source);
                while (record.find()) {
                    for (String component : topLevel(record.group(2))) {
                        String[] words = component.strip().replaceAll("@[\\w.]+(\\([^)]*\\))?\\s*", "").split("\\s+");
                        String field = words[words.length - 1];
                        properties.add(record.group(1) + "." + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                Matcher placeholder = PLACEHOLDER.matcher(source);
                while (placeholder.find()) {
                    placeholder(placeholder.group(1), true);
                }
                Matcher getter = GET_PROPERTY.matcher(source);
                while (getter.find()) {
                    properties.add(getter.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record's components: its text split at the commas outside generics, annotations' arguments and strings. */
    private static java.util.List<String> topLevel(String components) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder part = new StringBuilder();
        for (char c : components.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '<' || c == '(')) {
                depth++;
            } else if (!quoted && (c == '>' || c == ')')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts.stream().filter(text -> !text.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
