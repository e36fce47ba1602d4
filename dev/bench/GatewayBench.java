import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the front door costs a read: the same GET of a SKU (demo data) with the same real token, sent straight to
 * goods-svc and through the gateway (token check, rate limit in Redis, routing), at 16 and at 64 requests in flight.
 * The passes alternate, direct then gateway, in one run, so both see the same machine. Needs the suite up.
 */
public class GatewayBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String KEYCLOAK = System.getenv().getOrDefault("KEYCLOAK", "http://localhost:8180/realms/santong/protocol/openid-connect/token");
    static final String PATH = "/api/goods/skus/OX-BLU-M";

    record Pass(String name, int concurrency, int requests, double seconds, List<Long> micros, int failures, java.util.Map<String, Integer> refusals,
            java.util.Map<String, Long> cpuMillis) {

        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            return micros.get(Math.min(micros.size() - 1, (int) Math.ceil(p * micros.size()) - 1)) / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(System.getenv().getOrDefault("REQUESTS", "4000"));
        // The shop's server: the client class the gateway gives the largest quota, so the limit measured is its cost, not its refusals.
        String token = token("grant_type=client_credentials&client_id=shop-backend&client_secret=shop-backend-secret");
        String direct = System.getenv().getOrDefault("DIRECT", "http://127.0.0.1:8082");
        String gateway = System.getenv().getOrDefault("GATEWAY", "http://127.0.0.1:8080");
        // The services compile a method with C2 after four times the JVM's usual calls (CompileThresholdScaling=4, for a
        // cheaper start): the warm-up runs long enough for the request path to be compiled before anything is measured.
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "10000"));
        run("warm-up direct", direct, token, 16, warmUp);
        run("warm-up gateway", gateway, token, 16, warmUp);
        System.out.printf("%-10s %5s %9s %9s %9s %9s %8s%n", "path", "conc", "req/s", "p50 ms", "p99 ms", "max ms", "failed");
        for (int concurrency : new int[] { 16, 64 }) {
            Pass straight = run("direct", direct, token, concurrency, requests);
            Pass front = run("gateway", gateway, token, concurrency, requests);
            print(straight);
            print(front);
            System.out.printf("  gateway / direct at %d: throughput %.2f×, p50 %.2f×, p99 %.2f×%n", concurrency,
                    front.throughput() / straight.throughput(), front.percentile(0.50) / straight.percentile(0.50),
                    front.percentile(0.99) / straight.percentile(0.99));
            double ratio = front.throughput() / straight.throughput();
            System.out.printf("RESULT|gateway read, %d in flight|%.0f|req/s|%.0f req/s direct|%.2fx|at least 0.7x|%s%n", concurrency,
                    front.throughput(), straight.throughput(), ratio, ratio >= 0.7 ? "MET" : "MISSED");
            if (concurrency == 16) {
                double added = front.percentile(0.99) - straight.percentile(0.99);
                System.out.printf("RESULT|gateway read, p99 added at 16 in flight|%.1f|ms|%.1f ms p99 direct|-|at most 10 ms|%s%n", added,
                        straight.percentile(0.99), added <= 10 ? "MET" : "MISSED");
            }
        }
    }

    static void print(Pass pass) {
        StringBuilder cpu = new StringBuilder();
        pass.cpuMillis().forEach((process, millis) -> cpu.append(String.format(" %s %.2f", process, (double) millis / pass.requests())));
        System.out.printf("%-10s %5d %9.0f %9.2f %9.2f %9.2f %8d %s%s%n", pass.name(), pass.concurrency(), pass.throughput(), pass.percentile(0.50),
                pass.percentile(0.99), pass.micros().getLast() / 1000.0, pass.failures(), pass.refusals().isEmpty() ? "" : pass.refusals() + " ",
                cpu.isEmpty() ? "" : "CPU ms/request:" + cpu);
    }

    /** CPU time so far of each process named in PROCESSES ("name:pid name:pid"), from /proc: user + system ticks of 10 ms. */
    static java.util.Map<String, Long> cpuMillis() {
        java.util.Map<String, Long> millis = new java.util.LinkedHashMap<>();
        for (String entry : System.getenv().getOrDefault("PROCESSES", "").split("\\s+")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] nameAndPid = entry.split(":");
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", nameAndPid[1], "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                millis.put(nameAndPid[0], (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10);
            } catch (java.io.IOException | RuntimeException gone) {
                // a process that is not there is left out of the figures, not fatal to them
            }
        }
        return millis;
    }

    static Pass run(String name, String base, String token, int concurrency, int requests) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + PATH)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>(requests));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        java.util.Map<String, Integer> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.Map<String, Long> cpuBefore = cpuMillis();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                                refusals.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            refusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                        micros.add((System.nanoTime() - sent) / 1000);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        java.util.Map<String, Long> cpu = cpuMillis();
        cpu.replaceAll((process, after) -> after - cpuBefore.getOrDefault(process, after));
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Pass(name, concurrency, requests, seconds, sorted, failures.get(), refusals, cpu);
    }

    static String token(String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(start, body.indexOf('"', start));
    }
}
