package dev.santong.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The images ./santong images built, run as a pod runs them: non-root, read-only root filesystem, no capabilities,
 * /tmp the only writable place. Each one is started against the local stack (host network, a port of its own beside
 * the running suite) until it is ready, once with its AOT cache and once without, and the figures are printed.
 */
class ContainerImagesE2E {

    private static final String REGISTRY = System.getProperty("santong.image.registry", "ghcr.io/santong");
    private static final String TAG = System.getProperty("santong.image.tag", "0.1.0");
    private static final Duration READY_WITHIN = Duration.ofSeconds(150);
    private static final List<String> PODMAN = List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs");

    /** name, the port its container listens on here (the suite's own plus 10000), its readiness path. */
    record Deployable(String name, int port, String readiness) {
        String image() { return REGISTRY + "/" + name + ":" + TAG; }
        String container() { return "santong-image-test-" + name; }
        int managementPort() { return port + 1000; }
    }

    private static final List<Deployable> DEPLOYABLES = List.of(
            new Deployable("member-svc", 18081, "/readyz"),
            new Deployable("goods-svc", 18082, "/readyz"),
            new Deployable("service-svc", 18083, "/readyz"),
            new Deployable("channel-sync-svc", 18084, "/readyz"),
            new Deployable("hq-console", 18085, "/console/readyz"),
            new Deployable("api-gateway", 18080, "/readyz"));

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> started = new ArrayList<>();

    @AfterEach
    void removeContainers() throws Exception {
        for (String container : started) podman("rm", "-f", "-t", "5", container);
    }

    @Test
    void everyImageRunsAsANonRootUserWithNothingButTheRuntimeAndTheService() throws Exception {
        for (Deployable deployable : DEPLOYABLES) {
            String image = deployable.image();
            assertThat(podman("image", "inspect", "--format", "{{.Config.User}}", image).out().strip())
                    .as("%s runs as", image).isEqualTo("10001:10001");
            assertThat(podman("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image).out())
                    .as("%s starts from its AOT cache", image).contains("-XX:AOTCache=/app/app.aot");
            // No shell, no package manager: nothing to run but java.
            Result shell = podman("run", "--rm", "--entrypoint", "/bin/sh", image, "-c", "true");
            assertThat(shell.exit()).as("%s has a shell", image).isNotZero();
            // The Boot jar's layers, so a new build of the service changes only its small application layer.
            List<Long> layerSizes = podman("history", "--format", "{{.Size}}\t{{.CreatedBy}}", image)
                    .out().lines().filter(line -> line.contains("COPY")).map(line -> bytes(line.split("\t")[0]))
                    .toList();
            assertThat(layerSizes).as("%s copies the runtime, four Boot layers and the AOT cache", image).hasSizeGreaterThanOrEqualTo(6);
            // Docker's history lists the newest layer first: the AOT cache, then application, snapshot-dependencies,
            // the loader, then dependencies.
            long application = layerSizes.get(1);
            long dependencies = layerSizes.get(4);
            assertThat(application).as("%s's application layer", image).isLessThan(dependencies / 5);
        }
    }

    @Test
    void everyImageGetsReadyAgainstTheLocalStackFasterFromItsAotCache() throws Exception {
        List<String> rows = new ArrayList<>();
        for (Deployable deployable : DEPLOYABLES) {
            // AOTMode=on: a cache that does not fit this JVM or these jars stops the JVM instead of being skipped.
            Duration withCache = startUntilReady(deployable, "-XX:AOTMode=on");
            // As the chart runs it: Prometheus scrapes the management port, and the public port shows no metrics.
            HttpResponse<String> scraped = get(URI.create("http://127.0.0.1:" + deployable.managementPort() + "/actuator/prometheus"));
            assertThat(scraped.statusCode()).as("%s's metrics on its management port", deployable.name()).isEqualTo(200);
            assertThat(scraped.body()).contains("application=\"" + deployable.name() + "\"");
            assertThat(get(URI.create("http://127.0.0.1:" + deployable.port() + "/actuator/prometheus")).statusCode())
                    .as("%s's public port", deployable.name()).isNotEqualTo(200);
            // The chart's logs: one ECS JSON object per line, naming the service.
            List<String> logLines = podman("logs", deployable.container()).out().lines().filter(line -> line.startsWith("{")).toList();
            assertThat(logLines).as("%s's JSON log lines", deployable.name()).isNotEmpty().allSatisfy(line -> {
                tools.jackson.databind.JsonNode entry = JSON.readTree(line);
                assertThat(entry.path("@timestamp").asString()).isNotBlank();
                assertThat(entry.path("log").path("level").asString()).isNotBlank();
                assertThat(entry.path("service").path("name").asString()).isEqualTo(deployable.name());
            });
            podman("rm", "-f", "-t", "10", deployable.container());
            Duration withoutCache = startUntilReady(deployable, "-XX:AOTMode=off");
            podman("rm", "-f", "-t", "10", deployable.container());
            long megabytes = Long.parseLong(podman("image", "inspect", "--format", "{{.Size}}", deployable.image()).out().strip())
                    / 1_000_000;
            rows.add(String.format(Locale.ROOT, "%-17s %6d MB %9.1f s %9.1f s %6.2f", deployable.name(), megabytes,
                    withCache.toMillis() / 1000.0, withoutCache.toMillis() / 1000.0,
                    (double) withoutCache.toMillis() / withCache.toMillis()));
        }
        System.out.printf("%nimage             size      ready (AOT)  ready (no AOT)  ratio%n");
        rows.forEach(System.out::println);
    }

    /** Runs the image as the chart's pod does and returns the time from `podman run` until its readiness answers 200. */
    private Duration startUntilReady(Deployable deployable, String aotMode) throws Exception {
        podman("rm", "-f", "-t", "5", deployable.container());
        long begin = System.nanoTime();
        Result run = podman("run", "-d", "--name", deployable.container(), "--network", "host",
                "--read-only", "--tmpfs", "/tmp:rw,mode=1777", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096",
                "-e", "SERVER_PORT=" + deployable.port(), "-e", "MANAGEMENT_SERVER_PORT=" + deployable.managementPort(),
                "-e", "JAVA_TOOL_OPTIONS=" + aotMode + " -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError",
                "-e", "LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs",
                deployable.image());
        assertThat(run.exit()).as("podman run %s: %s", deployable.image(), run.out()).isZero();
        started.add(deployable.container());
        URI readiness = URI.create("http://127.0.0.1:" + deployable.port() + deployable.readiness());
        long deadline = begin + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(readiness)) {
                return Duration.ofNanos(System.nanoTime() - begin);
            }
            String state = podman("inspect", "--format", "{{.State.Status}}", deployable.container()).out().strip();
            if (!state.equals("running") && !state.equals("created")) {
                throw new AssertionError(deployable.name() + " (" + aotMode + ") stopped while starting (" + state + "):\n"
                        + tail(podman("logs", deployable.container()).out()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(deployable.name() + " (" + aotMode + ") not ready within " + READY_WITHIN + ":\n"
                + tail(podman("logs", deployable.container()).out()));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean ready(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** podman's sizes, "99.2 MB" or "0 B", in bytes (podman's units are decimal). */
    static long bytes(String size) {
        String[] parts = size.strip().split(" ");
        double value = Double.parseDouble(parts[0]);
        long unit = switch (parts[1]) {
            case "B" -> 1L;
            case "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit in " + size);
        };
        return Math.round(value * unit);
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    record Result(int exit, String out) {}

    private static Result podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PODMAN);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("podman " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
