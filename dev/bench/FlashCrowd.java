import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 200 shoppers' orders at one instant against 50 units, through the gateway: every order's hold is sent at once (one
 * connection each, opened and warmed beforehand), and the contention phase is the time from the release of the first
 * to the last answer. Prints the answers by status, the phase, and a RESULT line.
 * Environment: GATEWAY, TOKEN (the shop's server), SKU, LOCATION, SHOPPERS (200), UNITS (50), LABEL.
 */
public class FlashCrowd {

    public static void main(String[] args) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY", "http://127.0.0.1:8080");
        String token = System.getenv("TOKEN");
        String sku = System.getenv("SKU");
        String location = System.getenv().getOrDefault("LOCATION", "WH-BENCH");
        int shoppers = Integer.parseInt(System.getenv().getOrDefault("SHOPPERS", "200"));
        int units = Integer.parseInt(System.getenv().getOrDefault("UNITS", "50"));
        String label = System.getenv().getOrDefault("LABEL", "flash crowd");
        long run = System.nanoTime();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < shoppers; i++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            // Opens and warms the connection: the crowd is measured, not the TCP handshakes.
            client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/goods/skus/" + sku)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding());
            clients.add(client);
        }
        CountDownLatch start = new CountDownLatch(1);
        long[] answeredAt = new long[shoppers];
        List<Future<Integer>> answers = new ArrayList<>();
        long released;
        try (ExecutorService crowd = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < shoppers; i++) {
                int shopper = i;
                String body = "{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"quantity\":1,\"channel\":\"ONLINE\",\"orderReference\":\"crowd-"
                        + run + "-" + shopper + "\"}";
                answers.add(crowd.submit(() -> {
                    HttpRequest hold = HttpRequest.newBuilder(URI.create(gateway + "/api/goods/reservations")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    start.await();
                    int status = clients.get(shopper).send(hold, HttpResponse.BodyHandlers.discarding()).statusCode();
                    answeredAt[shopper] = System.nanoTime();
                    return status;
                }));
            }
            Thread.sleep(200);
            released = System.nanoTime();
            start.countDown();
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Integer> answer : answers) {
            statuses.merge(answer.get(), 1, Integer::sum);
        }
        long last = 0;
        for (long at : answeredAt) {
            last = Math.max(last, at);
        }
        double phase = (last - released) / 1e9;
        int sold = statuses.getOrDefault(201, 0);
        boolean ok = sold == units && statuses.getOrDefault(409, 0) == shoppers - units && phase < 1.0;
        System.out.printf("    %-34s %d shoppers, %d units: answers %s, contention phase %.3f s%n", label, shoppers, units, statuses, phase);
        System.out.printf("RESULT|%s: %d shoppers for %d units through the gateway|%.3f|s|%d sold, %d refused|%s|under 1 s, all %d sold|%s%n",
                label, shoppers, units, phase, sold, statuses.getOrDefault(409, 0), "-", units, ok ? "MET" : "MISSED");
    }
}
