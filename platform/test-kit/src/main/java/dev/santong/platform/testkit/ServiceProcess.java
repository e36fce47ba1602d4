package dev.santong.platform.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Santong service, run for real beside the one under test: its built jar in its own JVM, on a free port,
 * with a fresh schema of its own, against the local stack. A test can stop it (to show what happens while it is
 * down) and start it again on the same port and schema.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final Path jar;
    private final FreshSchema schema;
    private final int port;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;

    private ServiceProcess(String module, Path jar, FreshSchema schema, int port, Path log, Map<String, String> environment) {
        this.module = module;
        this.jar = jar;
        this.schema = schema;
        this.port = port;
        this.log = log;
        this.environment = environment;
    }

    /**
     * Starts {@code <module>/target/<module>.jar} of this checkout (built earlier in the reactor) with a fresh copy
     * of its schema {@code baseSchema}, granted to its own database user.
     */
    public static ServiceProcess start(String module, String baseSchema, String databaseUser) {
        return start(module, baseSchema, databaseUser, Map.of());
    }

    /** As {@link #start(String, String, String)}, with more environment (the URLs of other services it calls, say). */
    public static ServiceProcess start(String module, String baseSchema, String databaseUser, Map<String, String> moreEnvironment) {
        LocalStack stack = LocalStack.fromEnvironment();
        Path root = repositoryRoot();
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -pl " + module + " package -DskipTests)");
        }
        FreshSchema schema = FreshSchema.create(stack, baseSchema, databaseUser);
        int port = freePort();
        Path log = Path.of("target", module + "-" + port + ".log").toAbsolutePath();
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(port),
                "SPRING_DATASOURCE_URL", schema.jdbcUrl(),
                "SANTONG_SECURITY_ISSUER_URI", stack.issuerUri(),
                "SPRING_DATA_REDIS_HOST", stack.redisHost(),
                "SPRING_DATA_REDIS_PORT", Integer.toString(stack.redisPort())));
        environment.putAll(moreEnvironment);
        ServiceProcess service = new ServiceProcess(module, jar, schema, port, log, environment);
        service.startAgain();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the service (again) on its port and schema and waits until it is ready. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module, e);
        }
        awaitReady(Duration.ofSeconds(120));
    }

    /** Stops the service as Kubernetes would (SIGTERM), waiting until the process is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        schema.drop();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException(module + " was not ready within " + timeout + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            if (new File(dir, "santong").isFile() && new File(dir, "pom.xml").isFile()) {
                return dir.toPath();
            }
        }
        throw new IllegalStateException("not inside a Santong checkout: " + System.getProperty("user.dir"));
    }
}
