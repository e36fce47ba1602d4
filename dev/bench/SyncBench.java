import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The store upload path, measured side by side against one MariaDB in one run (see sync-upload.sh):
 * 1. transactions (and lines) durably accepted per second through POST /api/sync/stores/{store}/batches;
 * 2. the raw ceiling: multi-row INSERTs of the same rows into a copy of pos_transaction, one commit per batch;
 * 3. the same transactions uploaded again in new batches (every one a duplicate);
 * 4. end to end: lines applied to goods-svc and member-svc per second, from the first upload to the last applied.
 */
public class SyncBench {

    record Tx(String workstation, LocalDate day, long sequence, Instant at, String json) {
    }

    public static void main(String[] args) throws Exception {
        String sync = env("SYNC_URL", "http://127.0.0.1:8084");
        String store = env("STORE", "15");
        String token = System.getenv("POS_TOKEN");
        int transactions = Integer.parseInt(env("TRANSACTIONS", "5000"));
        int linesPer = Integer.parseInt(env("LINES", "3"));
        int batchSize = Integer.parseInt(env("BATCH", "500"));
        String db = env("DB_URL", "jdbc:mysql://127.0.0.1:3316/?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
        String dbUser = env("DB_USER", "santong_admin");
        String dbPassword = env("DB_PASSWORD", "santong-admin-dev");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        // A recent day, as a store's day is (a day years back would earn points already expired, and every earn would
        // then write off the one before it); the run's own workstations keep repeated runs apart.
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1 + Long.parseLong(run) % 28);
        Random random = new Random(7);
        List<Tx> all = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            String workstation = "B" + run + "-" + (i % 4);
            long sequence = i / 4 + 1;
            Instant at = day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(i);
            StringBuilder lines = new StringBuilder();
            for (int l = 0; l < linesPer; l++) {
                int quantity = 1 + random.nextInt(3);
                lines.append(l == 0 ? "" : ",").append("{\"sku\":\"BENCH-").append(random.nextInt(20)).append("\",\"quantity\":").append(quantity)
                        .append(",\"amount\":\"").append(new BigDecimal("19.90").multiply(BigDecimal.valueOf(quantity))).append("\"}");
            }
            String member = random.nextInt(5) == 0 ? "\"member\":{\"card\":\"BENCHCARD" + random.nextInt(10) + "\"}," : "";
            all.add(new Tx(workstation, day, sequence, at, "{\"workstationId\":\"" + workstation + "\",\"businessDay\":\"" + day
                    + "\",\"sequenceNumber\":" + sequence + ",\"type\":\"SALE\",\"businessTime\":\"" + at + "\",\"payload\":{\"currency\":\"CNY\","
                    + member + "\"lines\":[" + lines + "]}}"));
        }
        List<List<Tx>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            batches.add(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long lines = (long) transactions * linesPer;
        System.out.printf("  %,d transactions, %,d lines, batches of %d, store %s, day %s%n", transactions, lines, batchSize, store, day);

        long started = System.nanoTime();
        upload(http, sync, store, token, batches, "bench-" + run + "-");
        double uploadSeconds = seconds(started);
        double uploadRate = transactions / uploadSeconds;
        System.out.printf("  upload API (durable before 202)     %,10.0f tx/s  %,10.0f lines/s  (%.1f s)%n", uploadRate, lines / uploadSeconds, uploadSeconds);

        double rawRate;
        try (Connection connection = DriverManager.getConnection(db, dbUser, dbPassword)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS santong_bench");
                statement.execute("DROP TABLE IF EXISTS santong_bench.pos_transaction_raw");
                statement.execute("CREATE TABLE santong_bench.pos_transaction_raw LIKE santong_channelsync.pos_transaction");
            }
            connection.setAutoCommit(false);
            long rawStarted = System.nanoTime();
            for (List<Tx> batch : batches) {
                StringBuilder sql = new StringBuilder("INSERT INTO santong_bench.pos_transaction_raw (store_id, workstation_id, business_day, "
                        + "sequence_number, type, business_time, content_hash, content, first_batch_id, received_at, apply_status) VALUES ");
                for (int i = 0; i < batch.size(); i++) {
                    sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
                }
                try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                    int p = 1;
                    Timestamp now = Timestamp.from(Instant.now());
                    for (Tx tx : batch) {
                        insert.setString(p++, store);
                        insert.setString(p++, tx.workstation());
                        insert.setDate(p++, java.sql.Date.valueOf(tx.day()));
                        insert.setLong(p++, tx.sequence());
                        insert.setString(p++, "SALE");
                        insert.setTimestamp(p++, Timestamp.from(tx.at()));
                        insert.setString(p++, sha256(tx.json()));
                        insert.setString(p++, tx.json());
                        insert.setString(p++, "00000000-0000-0000-0000-000000000000");
                        insert.setTimestamp(p++, now);
                        insert.setString(p++, "PENDING");
                    }
                    insert.executeUpdate();
                }
                connection.commit();
            }
            double rawSeconds = seconds(rawStarted);
            rawRate = transactions / rawSeconds;
            System.out.printf("  raw multi-row INSERT, same rows     %,10.0f tx/s  %,10.0f lines/s  (%.1f s)%n", rawRate, lines / rawSeconds, rawSeconds);
            System.out.printf("  upload API / raw INSERT             %10.1f %%%n", 100 * uploadRate / rawRate);

            long replayStarted = System.nanoTime();
            upload(http, sync, store, token, batches, "bench-" + run + "-again-");
            double replaySeconds = seconds(replayStarted);
            System.out.printf("  same transactions again (all dups)  %,10.0f tx/s  (%.1f s, %.1fx the first upload)%n", transactions / replaySeconds,
                    replaySeconds, uploadSeconds / replaySeconds);

            long lastApplied = -1;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(Integer.parseInt(env("APPLY_TIMEOUT_MINUTES", "20"))));
            while (Instant.now().isBefore(deadline)) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM santong_channelsync.pos_transaction WHERE store_id = '" + store
                                + "' AND business_day = '" + day + "' AND workstation_id LIKE 'B" + run + "-%' AND apply_status = 'APPLIED'")) {
                    rs.next();
                    lastApplied = rs.getLong(1);
                }
                connection.commit();
                if (lastApplied == transactions) {
                    break;
                }
                Thread.sleep(500);
            }
            double endToEnd = seconds(started);
            System.out.printf("  end to end, upload to all applied   %,10.0f tx/s  %,10.0f lines/s  (%.1f s, %,d of %,d applied)%n",
                    lastApplied / endToEnd, lastApplied * (double) linesPer / endToEnd, endToEnd, lastApplied, transactions);
            System.out.printf("RESULT|store day: uploads durably accepted|%.0f|tx/s|%.0f tx/s raw multi-row INSERT|%.1f %%|-|-%n", uploadRate, rawRate,
                    100 * uploadRate / rawRate);
            System.out.printf("RESULT|store day: end to end, upload to all applied|%.0f|tx/s|%.0f tx/s uploads accepted|%.1f %%|at least 1,000 tx/s|%s%n",
                    lastApplied / endToEnd, uploadRate, 100 * lastApplied / endToEnd / uploadRate, lastApplied / endToEnd >= 1000 ? "MET" : "MISSED");
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE santong_bench");
            }
        }
    }

    private static void upload(HttpClient http, String sync, String store, String token, List<List<Tx>> batches, String prefix) throws Exception {
        for (int b = 0; b < batches.size(); b++) {
            StringBuilder body = new StringBuilder("{\"batchId\":\"" + prefix + b + "\",\"transactions\":[");
            List<Tx> batch = batches.get(b);
            for (int i = 0; i < batch.size(); i++) {
                body.append(i == 0 ? "" : ",").append(batch.get(i).json());
            }
            body.append("]}");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sync + "/api/sync/stores/" + store + "/batches"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
