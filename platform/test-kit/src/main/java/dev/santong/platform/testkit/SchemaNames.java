package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The OpenAPI document names each type of a request or an answer by its simple name (or its {@code @Schema(name)}): two
 * types of one name become one schema, and one of them is documented as the other. This finds such pairs among the
 * types a service's controllers take and answer, walked from its handlers through their fields.
 */
public final class SchemaNames {

    // By name: the services have Spring MVC and the OpenAPI annotations; the test kit is not a web application.
    private static final Class<? extends java.lang.annotation.Annotation> REST_CONTROLLER = annotation("org.springframework.web.bind.annotation.RestController");
    private static final Class<? extends java.lang.annotation.Annotation> REQUEST_MAPPING = annotation("org.springframework.web.bind.annotation.RequestMapping");
    private static final Class<? extends java.lang.annotation.Annotation> REQUEST_BODY = annotation("org.springframework.web.bind.annotation.RequestBody");
    private static final Class<? extends java.lang.annotation.Annotation> SCHEMA = annotation("io.swagger.v3.oas.annotations.media.Schema");

    private SchemaNames() {
    }

    public static void assertNoTwoDocumentedTypesShareAName(Class<?> application) {
        Map<String, Set<String>> typesByName = new TreeMap<>();
        Deque<ResolvableType> toVisit = new ArrayDeque<>();
        Set<Class<?>> visited = new HashSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(REST_CONTROLLER));
        for (var candidate : scanner.findCandidateComponents(application.getPackageName())) {
            Class<?> controller = load(candidate.getBeanClassName());
            for (Method method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, REQUEST_MAPPING)) {
                    continue;
                }
                toVisit.add(ResolvableType.forMethodReturnType(method, controller));
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(REQUEST_BODY)) {
                        toVisit.add(ResolvableType.forType(parameter.getParameterizedType()));
                    }
                }
            }
        }
        while (!toVisit.isEmpty()) {
            ResolvableType type = toVisit.pop();
            for (ResolvableType generic : type.getGenerics()) {
                toVisit.add(generic);
            }
            if (type.isArray()) {
                toVisit.add(type.getComponentType());
            }
            Class<?> raw = type.resolve();
            if (raw == null || raw.isEnum() || !raw.getName().startsWith("dev.santong.") || !visited.add(raw)) {
                continue;
            }
            if (raw.getTypeParameters().length > 0) {
                // A generic type is named with its arguments (Page<Entry> is PageEntry): its own name is never a schema's.
                addFields(raw, type, toVisit);
                continue;
            }
            String named = raw.isAnnotationPresent(SCHEMA) ? (String) invoke(raw.getAnnotation(SCHEMA), "name") : "";
            String name = named.isEmpty() ? raw.getSimpleName() : named;
            typesByName.computeIfAbsent(name, key -> new TreeSet<>()).add(raw.getName());
            addFields(raw, type, toVisit);
        }
        typesByName.values().removeIf(types -> types.size() < 2);
        assertThat(typesByName).as("types documented under one schema name; give each its own with @Schema(name = ...)").isEmpty();
    }

    private static void addFields(Class<?> raw, ResolvableType type, Deque<ResolvableType> toVisit) {
        for (Class<?> level = raw; level != null && level != Object.class; level = level.getSuperclass()) {
            for (Field field : level.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    toVisit.add(ResolvableType.forField(field, type));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends java.lang.annotation.Annotation> annotation(String name) {
        return (Class<? extends java.lang.annotation.Annotation>) load(name);
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
