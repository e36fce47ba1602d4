package dev.santong.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * helm lint and helm template of every ci/*-values.yaml scenario, with the policies of HOUSE_STYLE.md asserted on
 * the rendered objects. The charts are copied to target/ first so that resolving the umbrella's dependencies never
 * writes into the source tree.
 */
class ChartTest {

    private static final List<String> SERVICES = List.of("member-svc", "goods-svc", "service-svc", "channel-sync-svc", "hq-console",
            "api-gateway");
    private static Path workdir;
    private static Path umbrella;

    @BeforeAll
    static void copyChartsAndResolveDependencies() throws IOException {
        workdir = Path.of("target", "charts-under-test").toAbsolutePath();
        deleteRecursively(workdir);
        copyRecursively(Path.of("service"), workdir.resolve("service"));
        copyRecursively(Path.of("santong"), workdir.resolve("santong"));
        umbrella = workdir.resolve("santong");
        new Helm(umbrella).dependency().update().skipRefresh().call();
    }

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("santong", "ci"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList().stream();
        }
    }

    @Test
    void bothChartsLintWithoutErrors() {
        LintResult service = new Helm(workdir.resolve("service")).lint().call();
        assertThat(service.isFailed()).as(String.join("\n", service.getMessages())).isFalse();
        LintResult suite = new Helm(umbrella).lint().call();
        assertThat(suite.isFailed()).as(String.join("\n", suite.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyWorkloadRunsRestrictedWithProbesResourcesAndStandardLabels(Path scenario) {
        List<Map<String, Object>> objects = render(scenario);
        List<Map<String, Object>> deployments = ofKind(objects, "Deployment");
        assertThat(deployments).extracting(d -> str(d, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> "santong-" + s).toList());
        for (Map<String, Object> deployment : deployments) {
            String name = str(deployment, "metadata.name");
            Map<String, Object> labels = map(deployment, "spec.template.metadata.labels");
            assertThat(labels).as(name).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance",
                    "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
                    "app.kubernetes.io/managed-by");
            Map<String, Object> podSecurity = map(deployment, "spec.template.spec.securityContext");
            assertThat(podSecurity).as(name).containsEntry("runAsNonRoot", true);
            assertThat(str(deployment, "spec.template.spec.securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");

            Map<String, Object> container = containers(deployment).getFirst();
            assertThat(str(container, "securityContext.allowPrivilegeEscalation")).as(name).isEqualTo("false");
            assertThat(str(container, "securityContext.readOnlyRootFilesystem")).as(name).isEqualTo("true");
            assertThat(list(container, "securityContext.capabilities.drop")).as(name).containsExactly("ALL");
            assertThat(list(container, "volumeMounts")).as(name)
                    .anySatisfy(mount -> assertThat(((Map<?, ?>) mount).get("mountPath")).isEqualTo("/tmp"));
            assertThat(map(container, "resources.requests")).as(name).containsKeys("cpu", "memory");
            assertThat(map(container, "resources.limits")).as(name).containsKey("memory");
            // The console answers under its context path, as it does behind the gateway.
            String prefix = name.equals("santong-hq-console") ? "/console" : "";
            assertThat(str(container, "livenessProbe.httpGet.path")).as(name).isEqualTo(prefix + "/livez");
            assertThat(str(container, "readinessProbe.httpGet.path")).as(name).isEqualTo(prefix + "/readyz");
            assertThat(str(container, "startupProbe.httpGet.path")).as(name).isEqualTo(prefix + "/livez");
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void secretsAreOnlyReferencedNeverRendered(Path scenario) {
        List<Map<String, Object>> objects = render(scenario);
        // Only trial mode makes Secrets: its own servers' passwords, generated in the cluster, never from values.
        assertThat(ofKind(objects, "Secret")).allSatisfy(secret -> {
            assertThat(scenario.getFileName().toString()).isEqualTo("trial-values.yaml");
            assertThat(map(secret, "metadata.labels")).containsEntry("app.kubernetes.io/component", "trial");
        });
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            for (Object entry : list(containers(deployment).getFirst(), "env")) {
                Map<?, ?> env = (Map<?, ?>) entry;
                String name = (String) env.get("name");
                if (name.matches(".*(PASSWORD|SECRET|USERNAME|KEY).*")) {
                    assertThat(env.containsKey("value")).as(name + " has a plain value").isFalse();
                    assertThat(env.containsKey("valueFrom")).as(name + " is a secret reference").isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theGatewayRoutesToServicesThatExist(Path scenario) {
        List<Map<String, Object>> objects = render(scenario);
        List<String> serviceNames = ofKind(objects, "Service").stream().map(s -> str(s, "metadata.name")).toList();
        Map<String, Object> gateway = ofKind(objects, "Deployment").stream()
                .filter(d -> str(d, "metadata.name").equals("santong-api-gateway")).findFirst().orElseThrow();
        List<String> routeTargets = new ArrayList<>();
        for (Object entry : list(containers(gateway).getFirst(), "env")) {
            Map<?, ?> env = (Map<?, ?>) entry;
            if (((String) env.get("name")).startsWith("SANTONG_ROUTES_")) {
                routeTargets.add(((String) env.get("value")).replace("http://", ""));
            }
        }
        assertThat(routeTargets).as("four services and the console").hasSize(5);
        assertThat(serviceNames).containsAll(routeTargets);

        // Actuator's metrics and detailed health are on a port of their own at the edge; scraping follows them.
        assertThat(list(containers(gateway).getFirst(), "env")).anySatisfy(entry -> {
            assertThat(((Map<?, ?>) entry).get("name")).isEqualTo("MANAGEMENT_SERVER_PORT");
            assertThat(((Map<?, ?>) entry).get("value")).isEqualTo("8090");
        });
        assertThat(map(gateway, "spec.template.metadata.annotations")).containsEntry("prometheus.io/port", "8090");
    }

    /** Only the gateway keeps anything in Redis (its rate limits): no other workload is told where Redis is or may reach it. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void onlyTheWorkloadsThatUseRedisGetItsSettingsAndEgress(Path scenario) {
        List<Map<String, Object>> objects = render(scenario);
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            String name = str(deployment, "metadata.name");
            boolean usesRedis = name.equals("santong-api-gateway");
            List<String> redisEnv = list(containers(deployment).getFirst(), "env").stream().map(entry -> (String) ((Map<?, ?>) entry).get("name"))
                    .filter(env -> env.startsWith("SPRING_DATA_REDIS_")).toList();
            assertThat(redisEnv).as(name).hasSize(usesRedis ? 2 : 0);
        }
        for (Map<String, Object> policy : ofKind(objects, "NetworkPolicy")) {
            String name = str(policy, "metadata.name");
            // The trial's own policy lets the release in to its Redis (the gateway's egress decides who calls it).
            if (name.equals("santong-default-deny") || name.equals("santong-api-gateway") || name.equals("santong-trial")) {
                continue;
            }
            List<String> ports = new ArrayList<>();
            collectPorts(map(policy, "spec"), ports);
            assertThat(ports).as(name).doesNotContain("6379");
        }
    }

    /** Under default deny, a call one workload's policy lets out must be one the called workload's policy lets in. */
    @Test
    void everyCallAWorkloadMayMakeToAnotherIsOneTheOtherAccepts() {
        List<Map<String, Object>> policies = ofKind(render(Path.of("santong", "ci", "default-values.yaml")), "NetworkPolicy");
        Map<String, java.util.Set<String>> callers = new java.util.HashMap<>();
        Map<String, java.util.Set<String>> callees = new java.util.HashMap<>();
        for (Map<String, Object> policy : policies) {
            String name = str(policy, "metadata.name").replace("santong-", "");
            for (Object rule : list(policy, "spec.egress")) {
                for (Object peer : ((Map<?, ?>) rule).get("to") instanceof List<?> to ? to : List.of()) {
                    podName(peer).ifPresent(callee -> callees.computeIfAbsent(name, key -> new java.util.TreeSet<>()).add(callee));
                }
            }
            for (Object rule : list(policy, "spec.ingress")) {
                for (Object peer : ((Map<?, ?>) rule).get("from") instanceof List<?> from ? from : List.of()) {
                    podName(peer).ifPresent(caller -> callers.computeIfAbsent(name, key -> new java.util.TreeSet<>()).add(caller));
                }
            }
        }
        List<String> refused = new ArrayList<>();
        callees.forEach((caller, targets) -> targets.forEach(target -> {
            if (!callers.getOrDefault(target, java.util.Set.of()).contains(caller)) {
                refused.add(caller + " -> " + target);
            }
        }));
        assertThat(callees).as("the console calls the four services").containsKey("hq-console");
        assertThat(refused).as("let out by the caller, not let in by the called").isEmpty();
    }

    private static java.util.Optional<String> podName(Object peer) {
        if (peer instanceof Map<?, ?> map && map.get("podSelector") instanceof Map<?, ?> selector && !map.containsKey("namespaceSelector")
                && selector.get("matchLabels") instanceof Map<?, ?> labels && labels.get("app.kubernetes.io/name") instanceof String name) {
            return java.util.Optional.of(name);
        }
        return java.util.Optional.empty();
    }

    @Test
    void defaultsDenyAllTrafficThenAllowPerWorkloadAndAutoscale() {
        List<Map<String, Object>> objects = render(Path.of("santong", "ci", "default-values.yaml"));
        List<Map<String, Object>> policies = ofKind(objects, "NetworkPolicy");
        assertThat(policies).extracting(p -> str(p, "metadata.name")).contains("santong-default-deny");
        assertThat(policies).hasSize(SERVICES.size() + 1);
        Map<String, Object> memberPolicy = policies.stream().filter(p -> str(p, "metadata.name").equals("santong-member-svc")).findFirst().orElseThrow();
        assertThat(list(memberPolicy, "spec.ingress")).isNotEmpty();
        // Every service scales; the console keeps its people's sessions in memory, so it runs one replica.
        assertThat(ofKind(objects, "HorizontalPodAutoscaler")).extracting(h -> str(h, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().filter(s -> !s.equals("hq-console")).map(s -> "santong-" + s).toList());
        assertThat(ofKind(objects, "Deployment")).allSatisfy(d -> {
            if (str(d, "metadata.name").equals("santong-hq-console")) {
                assertThat(map(d, "spec")).containsEntry("replicas", 1);
            } else {
                assertThat(map(d, "spec")).doesNotContainKey("replicas");
            }
        });
    }

    @Test
    void minimalScenarioHasFixedReplicasAndNoPolicies() {
        List<Map<String, Object>> objects = render(Path.of("santong", "ci", "minimal-values.yaml"));
        assertThat(ofKind(objects, "NetworkPolicy")).isEmpty();
        assertThat(ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(ofKind(objects, "PodDisruptionBudget")).isEmpty();
        assertThat(ofKind(objects, "Deployment")).allSatisfy(d -> assertThat(map(d, "spec")).containsEntry("replicas", 1));
    }

    @Test
    void anOperatorPinsAnImageByDigestAddsEnvironmentOverridesSecurityAndGetsReplicasSpread() {
        String digest = "sha256:" + "ab".repeat(32);
        List<Map<String, Object>> objects = parse(new Helm(umbrella).template().withName("santong").withNamespace("santong")
                .set("member-svc.image.digest", digest).set("member-svc.extraEnv[0].name", "TZ").set("member-svc.extraEnv[0].value", "UTC")
                .set("member-svc.podSecurityContext.runAsUser", "20000").set("member-svc.podSecurityContext.runAsNonRoot", "true").call());
        Map<String, Object> member = ofKind(objects, "Deployment").stream().filter(d -> str(d, "metadata.name").equals("santong-member-svc"))
                .findFirst().orElseThrow();
        assertThat(str(containers(member).getFirst(), "image")).isEqualTo("ghcr.io/santong/member-svc@" + digest);
        assertThat(list(containers(member).getFirst(), "env")).anySatisfy(entry -> assertThat(entry).isEqualTo(Map.of("name", "TZ", "value", "UTC")));
        assertThat(str(member, "spec.template.spec.securityContext.runAsUser")).isEqualTo("20000");
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            List<Object> keys = list(deployment, "spec.template.spec.topologySpreadConstraints").stream()
                    .map(constraint -> ((Map<?, ?>) constraint).get("topologyKey")).map(Object.class::cast).toList();
            assertThat(keys).as(str(deployment, "metadata.name")).containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        }
        assertThatThrownBy(() -> new Helm(umbrella).template().withName("santong").set("member-svc.image.digest", "latest").call())
                .hasMessageContaining("digest");
    }

    @Test
    void thePublicAddressLeadsToTheGatewayByIngressOrHttpRoute() {
        List<Map<String, Object>> production = render(Path.of("santong", "ci", "production-values.yaml"));
        Map<String, Object> ingress = ofKind(production, "Ingress").getFirst();
        assertThat(str(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        Map<?, ?> rule = (Map<?, ?>) list(ingress, "spec.rules").getFirst();
        assertThat(rule.get("host")).isEqualTo("api.example.com");
        assertThat(rule.toString()).contains("name=santong-api-gateway");
        assertThat(list(ingress, "spec.tls")).hasSize(1);
        assertThat(ofKind(render(Path.of("santong", "ci", "default-values.yaml")), "Ingress")).as("off unless asked").isEmpty();

        List<Map<String, Object>> routed = parse(new Helm(umbrella).template().withName("santong").withNamespace("santong")
                .set("gatewayApi.enabled", "true").set("gatewayApi.gatewayName", "public").set("gatewayApi.gatewayNamespace", "gateways").call());
        Map<String, Object> route = ofKind(routed, "HTTPRoute").getFirst();
        assertThat(((Map<?, ?>) list(route, "spec.parentRefs").getFirst()).get("namespace")).isEqualTo("gateways");
        assertThat(list(route, "spec.rules").toString()).contains("name=santong-api-gateway");
        assertThatThrownBy(() -> new Helm(umbrella).template().withName("santong").set("gatewayApi.enabled", "true").call())
                .hasMessageContaining("gatewayApi.gatewayName");
    }

    /**
     * The operator's monitoring: one ServiceMonitor scraping every workload's management port (which only the monitoring
     * namespace may reach), the alerts an on-call engineer needs, and a dashboard Grafana can read. MonitoringE2E checks
     * that every metric they name is one the running services export.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theMonitoringScrapesEachManagementPortAlertsOnTheSuitesFiguresAndDrawsThem() throws Exception {
        List<Map<String, Object>> objects = render(Path.of("santong", "ci", "production-values.yaml"));
        Map<String, Object> monitor = ofKind(objects, "ServiceMonitor").getFirst();
        assertThat(map(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> endpoint = (Map<String, Object>) list(monitor, "spec.endpoints").getFirst();
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        Map<String, Object> selector = map(monitor, "spec.selector.matchLabels");
        List<Map<String, Object>> services = ofKind(objects, "Service");
        assertThat(services).hasSize(SERVICES.size()).allSatisfy(service -> {
            assertThat(map(service, "metadata.labels")).containsAllEntriesOf((Map<String, Object>) (Map<?, ?>) selector);
            assertThat(list(service, "spec.ports")).anySatisfy(port -> assertThat((Map<String, Object>) port).containsEntry("name", "management"));
        });
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            List<String> env = ((List<Map<String, Object>>) containers(deployment).getFirst().get("env")).stream()
                    .map(variable -> String.valueOf(variable.get("name"))).toList();
            assertThat(env).as("%s moves actuator to its management port", str(deployment, "metadata.name")).contains("MANAGEMENT_SERVER_PORT");
            Map<String, Object> values = new java.util.HashMap<>();
            ((List<Map<String, Object>>) containers(deployment).getFirst().get("env")).forEach(v -> values.put(String.valueOf(v.get("name")), v.get("value")));
            assertThat(values).as("%s logs ECS JSON and sends its spans to the collector", str(deployment, "metadata.name"))
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                    .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://otel-collector.monitoring.svc:4318/v1/traces")
                    .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.2");
        }
        for (Map<String, Object> policy : ofKind(objects, "NetworkPolicy")) {
            for (Object rule : list(policy, "spec.ingress")) {
                Map<String, Object> ingress = (Map<String, Object>) rule;
                boolean fromMonitoring = String.valueOf(ingress.get("from")).contains("monitoring");
                assertThat(String.valueOf(ingress.get("ports"))).as("%s: the monitoring namespace reaches the management port only",
                        str(policy, "metadata.name")).contains(fromMonitoring ? "port=management" : "port=http");
            }
        }

        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(ofKind(objects, "PrometheusRule").getFirst(), "spec.groups")) {
            rules.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
        }
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.get("alert")).asString().matches("Santong[A-Za-z]+");
            assertThat(rule.get("expr")).asString().isNotBlank();
            assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).isIn("info", "warning", "critical");
            assertThat(((Map<String, Object>) rule.get("annotations")).get("summary")).asString().isNotBlank();
        });
        assertThat(rules).extracting(rule -> rule.get("alert")).contains("SantongStoreDrifting", "SantongQuarantineGrowing",
                "SantongSlaBreaches", "SantongOutboxBacklog", "SantongErrorRate");

        Map<String, Object> dashboard = ofKind(objects, "ConfigMap").stream()
                .filter(map -> "1".equals(map(map, "metadata.labels").get("grafana_dashboard"))).findFirst().orElseThrow();
        assertThat(str(dashboard, "metadata.namespace")).isEqualTo("monitoring");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(String.valueOf(map(dashboard, "data").get("santong.json")));
        assertThat(json.path("panels").size()).isGreaterThanOrEqualTo(10);
        json.path("panels").forEach(panel -> assertThat(panel.path("targets").path(0).path("expr").asText()).isNotBlank());

        List<Map<String, Object>> defaults = render(Path.of("santong", "ci", "default-values.yaml"));
        assertThat(ofKind(defaults, "ServiceMonitor")).as("off unless asked").isEmpty();
        assertThat(ofKind(defaults, "Deployment")).allSatisfy(deployment -> assertThat(String.valueOf(containers(deployment).getFirst().get("env")))
                .as("no spans leave unless a collector is named").doesNotContain("OTLP_ENDPOINT"));
    }

    /**
     * Trial mode stands on its own: every secret a workload references exists (the client secrets are the imported realm's
     * own), every workload is pointed at the release's MySQL, Redis and Keycloak and may reach them, and each database a
     * service uses is one the schema Job makes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void trialModeRunsTheSuiteOnItsOwnServers() throws Exception {
        List<Map<String, Object>> objects = render(Path.of("santong", "ci", "trial-values.yaml"));
        assertThat(ofKind(objects, "StatefulSet")).extracting(set -> str(set, "metadata.name"))
                .containsExactlyInAnyOrder("santong-trial-mysql", "santong-trial-redis", "santong-trial-keycloak");
        // The Secrets there will be: the ones rendered (the realm's client secrets) and the ones the secrets Job makes once.
        Map<String, Map<String, Object>> secrets = new java.util.HashMap<>();
        ofKind(objects, "Secret").forEach(secret -> secrets.put(str(secret, "metadata.name"), map(secret, "stringData")));
        String secretsScript = ofKind(objects, "ConfigMap").stream().filter(map -> str(map, "metadata.name").equals("santong-trial-secrets"))
                .map(map -> String.valueOf(map(map, "data").get("secrets.sh"))).findFirst().orElseThrow();
        java.util.regex.Matcher made = java.util.regex.Pattern.compile("kubectl create secret generic (\\S+)((?: --from-literal=[^=\\s]+=\\S+)+)")
                .matcher(secretsScript);
        while (made.find()) {
            Map<String, Object> keys = new java.util.HashMap<>();
            for (String literal : made.group(2).trim().split(" ")) {
                String[] keyAndValue = literal.substring("--from-literal=".length()).split("=", 2);
                keys.put(keyAndValue[0], keyAndValue[1]);
            }
            assertThat(secrets.put(made.group(1), keys)).as("made once: " + made.group(1)).isNull();
            assertThat(secretsScript).contains("kubectl get secret " + made.group(1) + " ");
        }
        assertThat(secrets).containsKeys("santong-trial-credentials", "santong-member-db", "santong-member-codes");
        assertThat(secrets.get("santong-member-db")).containsEntry("username", "member_svc").containsEntry("password", "\"$(password)\"");
        com.fasterxml.jackson.databind.JsonNode realm = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Path.of("santong", "files", "santong-realm.json")));
        Map<String, String> realmSecrets = new java.util.HashMap<>();
        realm.path("clients").forEach(client -> realmSecrets.put(client.path("clientId").asText(), client.path("secret").asText()));
        String schemaScript = ofKind(objects, "ConfigMap").stream().filter(map -> str(map, "metadata.name").equals("santong-trial-schemas"))
                .map(map -> String.valueOf(map(map, "data").get("schemas.sh"))).findFirst().orElseThrow();

        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            String name = str(deployment, "metadata.name");
            Map<String, String> plain = new java.util.HashMap<>();
            for (Object entry : list(containers(deployment).getFirst(), "env")) {
                Map<String, Object> env = (Map<String, Object>) entry;
                if (env.containsKey("value")) {
                    assertThat(plain.put(String.valueOf(env.get("name")), String.valueOf(env.get("value")))).as(name + " sets " + env.get("name")
                            + " once").isNull();
                } else {
                    Map<String, Object> reference = (Map<String, Object>) ((Map<String, Object>) env.get("valueFrom")).get("secretKeyRef");
                    assertThat(secrets).as(name + " " + env.get("name")).containsKey((String) reference.get("name"));
                    assertThat(secrets.get(reference.get("name"))).as(name + " " + env.get("name")).containsKey((String) reference.get("key"));
                }
            }
            // The servers it talks to (its own public address, SANTONG_API_PUBLIC_URL, is the operator's to set).
            assertThat(plain.entrySet().stream().filter(env -> env.getKey().matches(".*_(URI|URL|HOST)") && !env.getKey().equals("SANTONG_API_PUBLIC_URL"))
                    .map(Map.Entry::getValue).toList()).as(name + " points at no external server")
                    .noneMatch(value -> value.contains("example.com") || value.contains(".data.svc") || value.contains(".identity.svc"));
            String datasource = plain.get("SPRING_DATASOURCE_URL");
            if (datasource != null) {
                assertThat(datasource).startsWith("jdbc:mysql://santong-trial-mysql:3306/");
                String database = datasource.substring("jdbc:mysql://santong-trial-mysql:3306/".length()).split("\\?")[0];
                assertThat(schemaScript).as(name + "'s database is made by the schema Job").contains("CREATE DATABASE IF NOT EXISTS " + database + " ");
            }
        }
        // The trial's own servers and Jobs find theirs too.
        for (Map<String, Object> workload : objects.stream().filter(o -> List.of("StatefulSet", "Job").contains(o.get("kind"))).toList()) {
            for (Object entry : list(containers(workload).getFirst(), "env")) {
                Object from = ((Map<String, Object>) entry).get("valueFrom");
                if (from != null) {
                    Map<String, Object> reference = (Map<String, Object>) ((Map<String, Object>) from).get("secretKeyRef");
                    assertThat(secrets.get(reference.get("name"))).as(str(workload, "metadata.name") + " " + reference)
                            .isNotNull().containsKey((String) reference.get("key"));
                }
            }
        }
        assertThat(secrets.get("santong-member-client")).containsEntry("secret", realmSecrets.get("member-svc"));
        assertThat(secrets.get("santong-console-client")).containsEntry("secret", realmSecrets.get("hq-console"));
        Map<String, Object> memberPolicy = ofKind(objects, "NetworkPolicy").stream()
                .filter(policy -> str(policy, "metadata.name").equals("santong-member-svc")).findFirst().orElseThrow();
        assertThat(String.valueOf(list(memberPolicy, "spec.egress"))).contains("component=trial").contains("port=3306");
        // Under default deny, the secrets Job still reaches the Kubernetes API.
        assertThat(ofKind(objects, "NetworkPolicy")).anySatisfy(policy -> {
            assertThat(map(policy, "spec.podSelector.matchLabels")).containsEntry("app.kubernetes.io/name", "secrets");
            assertThat(String.valueOf(list(policy, "spec.egress"))).contains("port=443");
        });

        assertThat(ofKind(render(Path.of("santong", "ci", "default-values.yaml")), "StatefulSet")).as("external servers by default").isEmpty();
        // Half a trial (only the umbrella's templates would see a top-level switch) is refused, saying which one to use.
        assertThatThrownBy(() -> new Helm(umbrella).template().withName("santong").set("trial.enabled", "true").call())
                .hasMessageContaining("global.trial.enabled=true");
    }

    /** Every object of every scenario is the Kubernetes API's own: a kind or a field the API does not have fails here. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRenderedObjectIsOneTheKubernetesApiKnowsFieldByField(Path scenario) {
        String manifests = new Helm(umbrella).template().withName("santong").withNamespace("santong").withValuesFile(scenario.toAbsolutePath())
                .set("gatewayApi.enabled", "true").set("gatewayApi.gatewayName", "public").set("ingress.enabled", "true").call();
        List<String> documents = documents(manifests);
        assertThat(documents).hasSizeGreaterThan(SERVICES.size() * 2);
        List<String> unknown = new ArrayList<>();
        for (String document : documents) {
            unknown.addAll(KubernetesModel.unknownIn(document));
        }
        assertThat(unknown).isEmpty();

        // The check itself: a misspelt probe and a field at the wrong level are found, with where they are.
        String deployment = documents.stream().filter(d -> d.lines().anyMatch(line -> line.equals("kind: Deployment"))).findFirst().orElseThrow();
        assertThat(KubernetesModel.unknownIn(deployment.replace("readinessProbe:", "readynessProbe:")))
                .anySatisfy(found -> assertThat(found).contains("readynessProbe"));
        assertThat(KubernetesModel.unknownIn(deployment.replaceFirst("(?m)^spec:\n", "spec:\n  readinessGates2: []\n")))
                .anySatisfy(found -> assertThat(found).contains("readinessGates2"));
    }

    /** The restricted Pod Security Standard, rule by rule, on every pod and container the chart makes. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void everyPodMeetsTheRestrictedPodSecurityStandard(Path scenario) {
        String manifests = new Helm(umbrella).template().withName("santong").withNamespace("santong").withValuesFile(scenario.toAbsolutePath())
                .call();
        java.util.Set<String> allowedVolumes = java.util.Set.of("emptyDir", "configMap", "secret", "projected", "downwardAPI",
                "persistentVolumeClaim", "ephemeral", "csi");
        for (String document : documents(manifests)) {
            // Every kind that makes pods here: the suite's Deployments, trial mode's StatefulSets and its Job.
            String name;
            io.fabric8.kubernetes.api.model.PodSpec pod;
            if (document.lines().anyMatch(line -> line.equals("kind: Deployment"))) {
                var deployment = KubernetesModel.read(document, io.fabric8.kubernetes.api.model.apps.Deployment.class);
                name = deployment.getMetadata().getName();
                pod = deployment.getSpec().getTemplate().getSpec();
            } else if (document.lines().anyMatch(line -> line.equals("kind: StatefulSet"))) {
                var set = KubernetesModel.read(document, io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
                name = set.getMetadata().getName();
                pod = set.getSpec().getTemplate().getSpec();
            } else if (document.lines().anyMatch(line -> line.equals("kind: Job"))) {
                var job = KubernetesModel.read(document, io.fabric8.kubernetes.api.model.batch.v1.Job.class);
                name = job.getMetadata().getName();
                pod = job.getSpec().getTemplate().getSpec();
            } else {
                continue;
            }
            assertThat(pod.getHostNetwork()).as(name + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(name + " hostPID").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(name + " hostIPC").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " not root").isNotZero();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isIn("RuntimeDefault", "Localhost");
            for (io.fabric8.kubernetes.api.model.Volume volume : pod.getVolumes()) {
                Map<String, Object> asMap = new Yaml().load(new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(volume));
                assertThat(asMap.keySet().stream().filter(key -> !key.equals("name"))).as(name + " volume " + volume.getName())
                        .allMatch(allowedVolumes::contains);
            }
            for (io.fabric8.kubernetes.api.model.Container container : pod.getContainers()) {
                io.fabric8.kubernetes.api.model.SecurityContext security = container.getSecurityContext();
                assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name).contains("ALL");
                assertThat(security.getCapabilities().getAdd() == null ? List.<String>of() : security.getCapabilities().getAdd()).as(name)
                        .isSubsetOf("NET_BIND_SERVICE");
                assertThat(container.getPorts()).as(name + " host ports").allMatch(port -> port.getHostPort() == null || port.getHostPort() == 0);
            }
        }
    }

    /**
     * Every environment variable the chart gives a deployable sets something that deployable reads, as Spring Boot
     * binds the environment (a property renamed in the service fails this); and every variable a service needs without
     * a default is given by the chart.
     */
    @Test
    void everyVariableTheChartSetsIsOneItsServiceReadsAndNothingItNeedsIsMissing() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        // Read by the JVM and by Spring Boot itself, not by a property of the service's own.
        // Boot's own settings (its properties are no service's), which the chart sets on every workload.
        java.util.Set<String> platform = java.util.Set.of("JAVA_TOOL_OPTIONS", "MANAGEMENT_SERVER_PORT", "LOGGING_STRUCTURED_FORMAT_CONSOLE",
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY");
        List<String> unread = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(render(Path.of("santong", "ci", "production-values.yaml")), "Deployment")) {
            String module = str(deployment, "metadata.name").substring("santong-".length());
            ServiceProperties reads = ServiceProperties.of(root, module);
            List<String> given = list(containers(deployment).getFirst(), "env").stream().map(entry -> (String) ((Map<?, ?>) entry).get("name"))
                    .toList();
            given.stream().filter(variable -> !platform.contains(variable) && !reads.reads(variable)).forEach(variable -> unread.add(module + " " + variable));
            reads.required.stream().filter(variable -> !given.contains(variable)).forEach(variable -> missing.add(module + " " + variable));
        }
        assertThat(unread).as("set by the chart, read by no property of the service").isEmpty();
        assertThat(missing).as("needed by the service without a default, not set by the chart").isEmpty();

        // The check itself: a variable no property of member-svc has is found unread.
        assertThat(ServiceProperties.of(root, "member-svc").reads("SANTONG_MEMBER_QR_SECRETS")).isFalse();
        assertThat(ServiceProperties.of(root, "member-svc").reads("SANTONG_MEMBER_QR_SECRET")).isTrue();
    }

    private static List<String> documents(String manifests) {
        List<String> documents = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                documents.add(document);
            }
        }
        return documents;
    }

    @Test
    void anUnknownValueIsRefusedByTheStrictSchema() {
        assertThatThrownBy(() -> new Helm(umbrella).template().withName("santong").set("member-svc.replicas", 3).call())
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> new Helm(umbrella).template().withName("santong").set("memberSvc.replicaCount", 3).call())
                .hasMessageContaining("memberSvc");
    }

    private static List<Map<String, Object>> render(Path scenario) {
        return parse(new Helm(umbrella).template().withName("santong").withNamespace("santong").withValuesFile(scenario.toAbsolutePath()).call());
    }

    private static List<Map<String, Object>> parse(String manifests) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifests)) {
            if (document instanceof Map<?, ?> object) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) object;
                objects.add(typed);
            }
        }
        return objects;
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return (List<Map<String, Object>>) (List<?>) list(deployment, "spec.template.spec.containers");
    }

    private static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.(?![^\\[]*\\])")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static String str(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Every "port" anywhere under a node of rendered YAML. */
    private static void collectPorts(Object node, List<String> ports) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if ("port".equals(key)) {
                    ports.add(String.valueOf(value));
                } else {
                    collectPorts(value, ports);
                }
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> collectPorts(item, ports));
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
