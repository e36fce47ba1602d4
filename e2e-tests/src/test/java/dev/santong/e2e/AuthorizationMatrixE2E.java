package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, proven: every operation of every service's OpenAPI document is called by each of ten callers with
 * real Keycloak tokens, and the answer is held against {@code docs/authorization-matrix.md}. An operation the table
 * lacks, or a row for an operation no document has, fails the test.
 * <p>
 * Each call is a request a client could really send: path variables name objects of shopper A and store 9 (store A)
 * made for this run, and the body is the document's own example with its demo identifiers replaced by this run's
 * objects. So a refusal is a refusal of the caller, not of the request. Runs late: its writes would otherwise change
 * what the journeys see.
 */
@Order(Integer.MAX_VALUE - 1)
class AuthorizationMatrixE2E {

    /** The columns of the table, in its order. The sync service is called at each service directly, as it calls them. */
    enum Caller {
        ANONYMOUS("anonymous"), SHOPPER("shopper"), OTHER_SHOPPER("other shopper"), POS_A("POS A"), POS_B("POS B"), STAFF_A("staff A"),
        ANALYST("HQ analyst"), ADMIN("HQ admin"), SHOP_BACKEND("shop backend"), SYNC("sync service");

        final String column;

        Caller(String column) {
            this.column = column;
        }

    }

    static final String ALLOWED = "✓";
    static final String REFUSED = "✗";
    /** An internal operation, refused at the front door (401, 403 or 404); the sync column still calls the service. */
    static final String NOT_ROUTED = "–";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] ONE_PIXEL_PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final Path TABLE = Path.of(System.getProperty("santong.root", "..")).resolve("docs/authorization-matrix.md");
    private static final Map<String, String> DOCUMENTS = Map.of("members", "http://localhost:8081", "goods", "http://localhost:8082",
            "aftersales", "http://localhost:8083", "sync", "http://localhost:8084");

    private final String gatewayUrl = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private final Api gateway = Api.at(gatewayUrl);
    private final Tokens tokens = Tokens.forLocalStack();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Operation(String method, String path, String document, JsonNode spec) {
        /** The row's name; an internal path two services both serve is told apart by its document. */
        String key() {
            return method + " " + path + (path.startsWith("/internal/") ? " (" + document + ")" : "");
        }

        boolean erases() {
            return path.endsWith("/erasure");
        }
    }

    @Test
    void everyCallerGetsWhatTheTableSaysOfEveryOperation() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        List<Operation> operations = new ArrayList<>();
        for (String name : List.of("members", "goods", "aftersales", "sync")) {
            Api.Response document = gateway.get("/v3/api-docs/" + name);
            assertThat(document.status()).as(name).isEqualTo(200);
            documents.put(name, document.json());
            for (Map.Entry<String, JsonNode> path : document.json().path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), name, method.getValue()));
                }
            }
        }
        Map<String, Map<Caller, String>> table = readTable();
        Fixture fixture = new Fixture();
        Map<Caller, Api> callers = fixture.callers();
        // Reads first, then writes, erasures last: each call finds the objects the ones before it left.
        operations.sort(Comparator.comparing((Operation o) -> o.erases()).thenComparing(o -> !o.method().equals("GET")).thenComparing(Operation::key));

        Map<String, Map<Caller, String>> observed = new TreeMap<>();
        Map<String, Map<Caller, String>> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        int calls = 0;
        int refusals = 0;
        for (Operation operation : operations) {
            Map<Caller, String> expected = table.getOrDefault(operation.key(), Map.of());
            Map<Caller, String> seen = new EnumMap<>(Caller.class);
            Map<Caller, String> answered = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                Api api = caller == Caller.SYNC ? Api.at(DOCUMENTS.get(operation.document())).as(fixture.sync) : callers.get(caller);
                Api.Response response = fixture.call(api, operation, documents.get(operation.document()));
                calls++;
                int status = response.status();
                String verdict = verdict(operation, caller, status, fixture.namesRealObjects(operation));
                seen.put(caller, verdict);
                answered.put(caller, Integer.toString(status));
                if (!verdict.equals(expected.get(caller))) {
                    wrong.add("%s as %s: %d (table says %s) %s".formatted(operation.key(), caller.column, status, expected.get(caller),
                            abbreviate(response.body())));
                }
                if (status >= 400 && !verdict.equals(NOT_ROUTED) && !operation.spec().path("responses").has(Integer.toString(status))) {
                    undocumented.add("%s answered %d as %s, a status its document does not list: %s".formatted(operation.key(), status,
                            caller.column, abbreviate(response.body())));
                }
                if (!verdict.equals(ALLOWED)) {
                    refusals++;
                    fixture.secrets().stream().filter(secret -> response.body() != null && response.body().contains(secret))
                            .forEach(secret -> wrong.add(operation.key() + " as " + caller.column + ": the refusal names shopper A's data"));
                } else if (status / 100 == 2 && !operation.spec().path("responses").has(Integer.toString(status))) {
                    undocumented.add(operation.key() + " answered " + status + " as " + caller.column);
                } else if (status == 200 && operation.method().equals("GET") && !isPageOrNoList(response)) {
                    undocumented.add(operation.key() + " answered a bare array to API version 2 as " + caller.column);
                }
            }
            observed.put(operation.key(), seen);
            statuses.put(operation.key(), answered);
        }
        System.out.printf("Authorization matrix: %d operations, %d callers, %d calls, %d refused%n", operations.size(), Caller.values().length,
                calls, refusals);
        boolean rowsMatch = table.keySet().equals(observed.keySet());
        if (!wrong.isEmpty() || !rowsMatch) {
            Path written = Path.of("target/authorization-matrix.observed.md");
            Files.writeString(written, render(observed) + "\nThe statuses answered:\n\n" + render(statuses));
            System.out.println("What the callers got, as a table: " + written.toAbsolutePath());
        }
        assertThat(table.keySet()).as("rows of " + TABLE + " against the operations of the documents")
                .containsExactlyInAnyOrderElementsOf(observed.keySet());
        assertThat(wrong).as("calls whose answer the table does not say:\n" + String.join("\n", wrong)).isEmpty();
        assertThat(undocumented).as("answers the operation's document does not describe:\n" + String.join("\n", undocumented)).isEmpty();
    }

    /**
     * What the answer means: refused is 401 or 403, or 404 for an object the path names that exists (the service
     * does not say it exists to a caller who may not see it); anything else is allowed.
     */
    private static String verdict(Operation operation, Caller caller, int status, boolean namesRealObjects) {
        if (caller != Caller.SYNC && operation.path().startsWith("/internal/")) {
            return status == 401 || status == 403 || status == 404 ? NOT_ROUTED : ALLOWED;
        }
        if (status == 401 || status == 403 || (status == 404 && namesRealObjects)) {
            return REFUSED;
        }
        return ALLOWED;
    }

    private static Map<String, Map<Caller, String>> readTable() throws IOException {
        Map<String, Map<Caller, String>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String key = cells[1].strip().replace("`", "");
            Map<Caller, String> row = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                row.put(caller, cells[2 + caller.ordinal()].strip());
            }
            assertThat(rows.put(key, row)).as("a second row for " + key).isNull();
        }
        return rows;
    }

    static String render(Map<String, Map<Caller, String>> rows) {
        StringBuilder table = new StringBuilder("| Operation |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.column).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Caller.values().length)).append('\n');
        rows.forEach((key, row) -> {
            table.append("| `").append(key).append("` |");
            row.values().forEach(cell -> table.append(' ').append(cell).append(" |"));
            table.append('\n');
        });
        return table.toString();
    }

    /** Version 2 answers every list as a page: an object with items, never a bare array. */
    private static boolean isPageOrNoList(Api.Response response) {
        String body = response.body() == null ? "" : response.body().stripLeading();
        return !body.startsWith("[");
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    /**
     * This run's objects: shoppers A and B (new Keycloak users, enrolled online), A's online order and the return case
     * she opened for it, a SKU and product of the run's own, and the sync service's token.
     */
    private final class Fixture {

        final RealmUsers.Shopper shopperA;
        final RealmUsers.Shopper shopperB;
        final String memberA;
        final String memberB;
        final String order = "SO-MATRIX-" + run;
        final String caseA;
        final String sync = tokens.clientCredentials("channel-sync", "channel-sync-secret");
        final Map<String, String> pathValues = new LinkedHashMap<>();
        final java.util.Set<String> unknownObjects = new java.util.HashSet<>();
        private final Map<String, String> shopperTokens = new java.util.HashMap<>();
        final Map<String, String> queryValues = new LinkedHashMap<>();
        /** Bodies that write back what is in force: the examples would change configuration every journey shares. */
        final Map<String, String> bodies = new LinkedHashMap<>();
        final Map<String, Map<String, String>> queryValuesOf = new LinkedHashMap<>();
        /** Demo identifiers in the documents' examples, and this run's objects that stand in for them. */
        final Map<String, String> exampleValues = new LinkedHashMap<>();

        Fixture() {
            RealmUsers users = new RealmUsers(LocalStack.fromEnvironment());
            shopperA = users.createShopper(phone(), true);
            shopperB = users.createShopper(phone(), true);
            memberA = enrol(shopperA);
            memberB = enrol(shopperB);
            Api admin = gateway.as(tokens.hqAdmin());
            // The product first: its reads come before its definition in the table, and a fresh database has none.
            assertThat(admin.put("/api/goods/products/MATRIX-SPU", Map.of("name", "Authorization matrix product", "category", "shirts",
                    "warrantyMonths", 12, "status", "ACTIVE")).status()).isEqualTo(200);
            assertThat(admin.post("/api/goods/skus", Map.of("code", "MATRIX-SKU", "spuCode", "MATRIX-SPU", "name", "Authorization matrix SKU",
                    "warrantyMonths", 12)).status()).isIn(200, 201);
            // Listed and priced online, with stock in the warehouse: the shop shows it, a shopper can hold it.
            admin.put("/api/goods/skus/MATRIX-SKU/listings/ONLINE", Map.of("listed", true));
            admin.post("/api/goods/skus/MATRIX-SKU/prices", Map.of("channel", "ONLINE", "currency", "CNY", "amount", "199.00",
                    "validFrom", "2026-01-01T00:00:00Z"));
            admin.post("/api/goods/stock/movements", Map.of("sku", "MATRIX-SKU", "location", "WH-SH", "cause", "COUNT", "quantity", 20,
                    "businessTime", Instant.now().minusSeconds(60).toString(), "reference", "matrix-stock-" + run));
            Api.Response held = gateway.as(user(shopperA)).post("/api/goods/reservations", Map.of("sku", "MATRIX-SKU", "location", "WH-SH",
                    "quantity", 1, "channel", "ONLINE", "orderReference", order, "line", "1", "ttlSeconds", 900));
            assertThat(held.status()).as(held.toString()).isIn(200, 201);
            Api.Response transfer = admin.post("/api/goods/transfers", Map.of("sku", "MATRIX-SKU", "from", "WH-SH", "to", "9", "quantity", 1,
                    "reference", "matrix-transfer-" + run));
            assertThat(transfer.status()).as(transfer.toString()).isIn(200, 201);
            Api.Response earned = gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", memberA, "channel",
                    "ONLINE", "reference", order, "occurredAt", Instant.now().minusSeconds(3600).toString(), "currency", "CNY",
                    "lines", List.of(Map.of("sku", "MATRIX-SKU", "category", "apparel", "quantity", 1, "amount", "199.00"))));
            assertThat(earned.status()).as(earned.toString()).isIn(200, 201);
            Api.Response opened = gateway.as(user(shopperA)).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "ONLINE",
                    "purchase", Map.of("channel", "ONLINE", "reference", order),
                    "lines", List.of(Map.of("skuCode", "MATRIX-SKU", "quantity", 1, "reasonCode", "TOO_SMALL")), "reason", "too small"));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            caseA = opened.json().path("id").asString();
            Api.Response issued = admin.post("/api/members/vouchers/issues", Map.of("memberIds", List.of(memberA), "voucher", Map.of(
                    "campaign", "matrix-" + run, "kind", "FIXED_AMOUNT", "amount", "5.00", "currency", "CNY", "validFrom", "2026-01-01T00:00:00Z",
                    "validUntil", "2030-01-01T00:00:00Z", "channels", List.of("ONLINE", "STORE"))));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
            String voucher = gateway.as(user(shopperA)).get("/api/members/me/vouchers").json().path(0).path("code").asString();
            String batch = "matrix-" + run;
            Api.Response uploaded = gateway.as(tokens.pos("9")).post("/api/sync/stores/9/batches", Map.of("batchId", batch, "transactions",
                    List.of(Map.of("workstationId", "3", "businessDay", "2026-11-21", "sequenceNumber", 1, "type", "NO_SALE",
                            "businessTime", Instant.now().minusSeconds(60).toString()))));
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
            String location = uploaded.header("Location");
            batch = location.substring(location.lastIndexOf('/') + 1);
            JsonNode segments = admin.get("/api/members/segments").json();
            String segment = (segments.isArray() ? segments : segments.path("items")).path(0).path("id").asString();

            bodies.put("PUT /api/members/loyalty-rules", JSON.writeValueAsString(admin.get("/api/members/loyalty-rules").json().path("rules")));
            bodies.put("PUT /api/members/tiers", admin.get("/api/members/tiers").body());
            JsonNode notice = admin.get("/api/members/consent-notices").json().path(0);
            bodies.put("POST /api/members/consent-notices", JSON.writeValueAsString(Map.of("purpose", notice.path("purpose").asString(),
                    "text", notice.path("text").asString())));
            for (JsonNode level : admin.get("/api/aftersales/service-levels").json()) {
                if (level.path("type").asString().equals("RETURN") && level.path("state").asString().equals("REQUESTED")) {
                    bodies.put("PUT /api/aftersales/service-levels/{type}/{state}", JSON.writeValueAsString(Map.of("within",
                            level.path("within").asString())));
                }
            }

            pathValues.put("memberId", memberA);
            pathValues.put("survivorId", memberA);
            pathValues.put("caseId", caseA);
            pathValues.put("storeId", "9");
            pathValues.put("location", "9");
            pathValues.put("sku", "MATRIX-SKU");
            pathValues.put("spu", "MATRIX-SPU");
            pathValues.put("/api/goods/reservations/{id}", held.json().path("reservation").path("id").asString());
            pathValues.put("/api/goods/transfers/{id}", transfer.json().path("id").asString());
            pathValues.put("/api/goods/locations/{code}", "MATRIX");
            pathValues.put("/api/goods/shop/products/{code}", "MATRIX-SPU");
            pathValues.put("/api/members/vouchers/{code}", voucher);
            pathValues.put("code", "MATRIX-SKU");
            pathValues.put("channel", "ONLINE");
            pathValues.put("tag", "VIP");
            pathValues.put("service", "repair");
            pathValues.put("segmentId", segment.isEmpty() ? "1" : segment);
            pathValues.put("reference", "SO-MATRIX-VOUCH-" + run);
            pathValues.put("day", "2026-11-20");
            pathValues.put("batchId", batch);
            pathValues.put("type", "RETURN");
            pathValues.put("state", "REQUESTED");
            // Objects that do not exist (none to be had on demand): an allowed caller gets 404, a refused one 401 or 403.
            for (String unknown : List.of("mergeId", "candidateId", "attachmentId", "conflictId", "workId")) {
                pathValues.put(unknown, "987654321");
                unknown(unknown);
            }
            pathValues.put("/api/members/outbox/{id}", UUID.randomUUID().toString());
            pathValues.put("/api/aftersales/outbox/{id}", UUID.randomUUID().toString());
            unknown("/api/members/outbox/{id}");
            unknown("/api/aftersales/outbox/{id}");
            // Case A has no refund to pay.
            unknown("/api/aftersales/refund-instructions/{caseId}");
            queryValues.put("mergedMemberId", memberB);
            queryValues.put("channel", "ONLINE");
            queryValues.put("store", "9");
            queryValues.put("storeId", "9");
            queryValues.put("reference", order);
            queryValues.put("referencePrefix", "9-3");
            queryValues.put("from", "2026-11-01T00:00:00Z");
            queryValues.put("to", "2026-12-01T00:00:00Z");
            queryValues.put("location", "9");
            queryValues.put("barcode", "4006381333931");
            queryValues.put("name", "receipt.png");
            queryValues.put("day", "2026-11-20");
            // Where an operation reads a parameter of a common name in another form: the series takes dates.
            queryValuesOf.put("GET /api/members/analytics/series", Map.of("from", "2026-11-01", "to", "2026-11-30"));
            exampleValues.put("OX-BLU-M", "MATRIX-SKU");
            exampleValues.put("SHIRT-OXFORD", "MATRIX-SPU");
            // The run's product must not turn up where the journeys search the demo's (an oxford shirt).
            exampleValues.put("Oxford shirt", "Authorization matrix product");
            exampleValues.put("01a20bc5-f360-7b8a-b1b7-947ef07e36c8", memberA);
            exampleValues.put("3f6c2a9e-7d41-4c1b-9a57-2e8b5d0c4f11", memberA);
            exampleValues.put("SO-2026-118842", order);
        }

        Map<Caller, Api> callers() {
            Map<Caller, Api> callers = new EnumMap<>(Caller.class);
            callers.put(Caller.ANONYMOUS, gateway);
            callers.put(Caller.SHOPPER, gateway.as(user(shopperA)));
            callers.put(Caller.OTHER_SHOPPER, gateway.as(user(shopperB)));
            callers.put(Caller.POS_A, gateway.as(tokens.pos("9")));
            callers.put(Caller.POS_B, gateway.as(tokens.pos("12")));
            callers.put(Caller.STAFF_A, gateway.as(tokens.storeStaff("9")));
            callers.put(Caller.ANALYST, gateway.as(tokens.hqAnalyst()));
            callers.put(Caller.ADMIN, gateway.as(tokens.hqAdmin()));
            callers.put(Caller.SHOP_BACKEND, gateway.as(tokens.shopBackend()));
            return callers;
        }

        /** What no refusal may carry: shopper A's e-mail and name. */
        List<String> secrets() {
            return List.of(shopperA.username() + "@test.santong.dev", "Test Shopper");
        }

        Api.Response call(Api api, Operation operation, JsonNode document) throws InterruptedException {
            String path = operation.path();
            Matcher variable = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            StringBuilder filled = new StringBuilder();
            while (variable.find()) {
                String value = pathValue(operation.path().substring(0, variable.end()), variable.group(1));
                variable.appendReplacement(filled, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            }
            variable.appendTail(filled);
            List<String> query = new ArrayList<>();
            for (JsonNode parameter : operation.spec().path("parameters")) {
                if ("query".equals(parameter.path("in").asString()) && parameter.path("required").asBoolean()) {
                    String name = parameter.path("name").asString();
                    String value = queryValuesOf.getOrDefault(operation.key(), Map.of()).getOrDefault(name, queryValues.get(name));
                    query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
            String uri = filled + (query.isEmpty() ? "" : "?" + String.join("&", query));
            String body = null;
            JsonNode content = operation.spec().path("requestBody").path("content");
            if (bodies.containsKey(operation.key())) {
                body = bodies.get(operation.key());
            } else if (content.has("application/json")) {
                body = example(content.path("application/json"), document);
            }
            // Today's API: version 2, where every list is a page.
            api = api.header("If-Match", "\"0\"").header("Idempotency-Key", "matrix-" + run + "-" + operation.key().hashCode())
                    .header("API-Version", "2");
            boolean attachment = operation.path().endsWith("/attachments") && operation.method().equals("POST");
            for (int attempt = 0; ; attempt++) {
                Api.Response response = attachment ? api.upload(uri, "image/png", ONE_PIXEL_PNG)
                        : api.call(operation.method(), uri, "application/json", body);
                if (response.status() != 429 || attempt == 20) {
                    return response;
                }
                Thread.sleep(1000L * Long.parseLong(response.header("Retry-After") == null ? "1" : response.header("Retry-After")));
            }
        }

        private void unknown(String variableOrPath) {
            unknownObjects.add(variableOrPath);
        }

        /** Whether every object the operation's path names exists: then a 404 is a refusal too. */
        boolean namesRealObjects(Operation operation) {
            Matcher variable = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(operation.path());
            boolean any = false;
            while (variable.find()) {
                any = true;
                if (unknownObjects.contains(variable.group(1)) || unknownObjects.contains(operation.path().substring(0, variable.end()))) {
                    return false;
                }
            }
            return any;
        }

        /** A value for the path up to and including the variable, else for the variable's name. */
        private String pathValue(String pathToVariable, String name) {
            return pathValues.getOrDefault(pathToVariable, pathValues.get(name));
        }

        /** The media type's example (or its schema's), with the demo's identifiers replaced by this run's objects. */
        private String example(JsonNode media, JsonNode document) {
            JsonNode example = media.has("example") ? media.path("example") : !media.path("examples").isEmpty()
                    ? media.path("examples").iterator().next().path("value") : schemaExample(media.path("schema"), document);
            String text = example.isString() ? example.asString() : JSON.writeValueAsString(example);
            for (Map.Entry<String, String> value : exampleValues.entrySet()) {
                text = text.replace(value.getKey(), value.getValue());
            }
            return text;
        }

        private JsonNode schemaExample(JsonNode schema, JsonNode document) {
            if (schema.has("$ref")) {
                schema = document.path("components").path("schemas").path(schema.path("$ref").asString().replace("#/components/schemas/", ""));
            }
            if (schema.has("example")) {
                return schema.path("example");
            }
            if ("array".equals(schema.path("type").asString())) {
                JsonNode item = schemaExample(schema.path("items"), document);
                return item.isMissingNode() || (item.isObject() && item.isEmpty()) ? item : JSON.createArrayNode().add(item);
            }
            var object = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode value = schemaExample(property.getValue(), document);
                if (!value.isMissingNode() && !(value.isObject() && value.isEmpty())) {
                    object.set(property.getKey(), value);
                }
            }
            return object;
        }

        private String enrol(RealmUsers.Shopper shopper) {
            Api api = gateway.as(user(shopper));
            Api.Response enrolled = api.post("/api/members", Map.of("channel", "ONLINE"));
            assertThat(enrolled.status()).as(enrolled.toString()).isIn(200, 201);
            return api.get("/api/members/me").json().path("id").asString();
        }

        /** One token per shopper for the run: Keycloak refuses a burst of password grants for one user. */
        private String user(RealmUsers.Shopper shopper) {
            return shopperTokens.computeIfAbsent(shopper.username(), name -> tokens.freshUser(name, shopper.password()));
        }

        private static String phone() {
            return "+86139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        }
    }
}
