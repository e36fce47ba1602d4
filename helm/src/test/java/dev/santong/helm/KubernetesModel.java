package dev.santong.helm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Rendered manifests read into the Kubernetes API's own object model (fabric8): a kind the model does not know, or a
 * field an object of its kind does not have (a misspelt {@code readinessProbe}, a field at the wrong level), is
 * reported with where it is.
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final java.util.Set<String> PROMETHEUS_OPERATOR_KINDS = java.util.Set.of("monitoring.coreos.com/v1 ServiceMonitor",
            "monitoring.coreos.com/v1 PrometheusRule");

    private KubernetesModel() {
    }

    /** What in one rendered document the model does not know; empty when all of it is the API's. */
    static List<String> unknownIn(String document) {
        Object parsed = SERIALIZATION.unmarshal(document);
        List<String> unknown = new ArrayList<>();
        if (parsed instanceof GenericKubernetesResource generic) {
            // The Prometheus Operator's kinds: no model of them resolves here; ChartTest checks them by their own rules.
            if (PROMETHEUS_OPERATOR_KINDS.contains(generic.getApiVersion() + " " + generic.getKind())) {
                return unknown;
            }
            unknown.add(generic.getApiVersion() + " " + generic.getKind() + ": a kind the model does not know");
            return unknown;
        }
        String name = parsed instanceof HasMetadata object ? object.getKind() + " " + object.getMetadata().getName() : String.valueOf(parsed);
        walk(parsed, name, unknown);
        return unknown;
    }

    static <T> T read(String document, Class<T> type) {
        return SERIALIZATION.unmarshal(document, type);
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": unknown " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + field, unknown);
        }
    }
}
