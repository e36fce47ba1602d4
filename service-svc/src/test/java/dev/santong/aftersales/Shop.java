package dev.santong.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/** Test data in the other services: SKUs in goods-svc, members and their purchases in member-svc, as the shop and tills record them. */
public final class Shop {

    private final OtherServices services;
    private final Tokens tokens = Tokens.forLocalStack();

    public Shop(OtherServices services) {
        this.services = services;
    }

    public Api goods() {
        return Api.at(services.goods.url());
    }

    public Api members() {
        return Api.at(services.members.url());
    }

    /** A SKU in the catalogue (once; again is harmless). */
    public Shop sku(String code, int warrantyMonths, String category) {
        Api.Response created = goods().as(tokens.hqAdmin()).post("/api/goods/skus", Map.of("code", code, "name", code, "warrantyMonths",
                warrantyMonths, "category", category));
        assertThat(created.status()).as(created.toString()).isIn(201, 200, 409);
        return this;
    }

    /** A location in goods-svc (again is harmless). */
    public Shop location(String code, String kind) {
        Api.Response defined = goods().as(tokens.hqAdmin()).put("/api/goods/locations/" + code, Map.of("name", code, "kind", kind,
                "pickupEnabled", false, "onlineBuffer", 0));
        assertThat(defined.status()).as(defined.toString()).isIn(200, 201);
        return this;
    }

    /** The SKU's level at the location as HQ sees it (null where it has none). */
    public tools.jackson.databind.JsonNode level(String sku, String location) {
        for (tools.jackson.databind.JsonNode level : goods().as(tokens.hqAnalyst()).get("/api/goods/stock/" + sku).json()) {
            if (level.path("location").asString().equals(location)) {
                return level;
            }
        }
        return null;
    }

    /** The member's points balance and ledger entries, as HQ sees them. */
    public long balance(String memberId) {
        return members().as(tokens.hqAnalyst()).get("/api/members/" + memberId + "/points").json().path("balance").asLong();
    }

    public List<String> entryKinds(String memberId) {
        List<String> kinds = new ArrayList<>();
        members().as(tokens.hqAnalyst()).get("/api/members/" + memberId + "/points/entries").json()
                .forEach(entry -> kinds.add(entry.path("kind").asString()));
        return kinds;
    }

    /** The member of a shopper account (joined online on first use). */
    public String memberOf(String shopperToken) {
        Api.Response joined = members().as(shopperToken).post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        return joined.json().path("member").path("id").asString();
    }

    /** A member enrolled at a store's till by phone. */
    public String memberAtStore(String store, String phone) {
        Api.Response enrolled = members().as(tokens.pos(store)).post("/api/members", Map.of("channel", "STORE", "storeId", store, "phone", phone));
        assertThat(enrolled.status()).as(enrolled.toString()).isIn(200, 201);
        return enrolled.json().path("member").path("id").asString();
    }

    /** A member nobody else uses, enrolled at store 9. */
    public String anyMember() {
        return memberAtStore("9", "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    /** An online order of a member, bought yesterday, 100.00 per unit; its reference. */
    public String onlineOrder(String sku, int quantity) {
        return online("SO-" + System.nanoTime()).line(sku, "apparel", quantity, quantity + "00.00").at(Instant.now().minusSeconds(86_400))
                .by(anyMember());
    }

    /** A receipt of a member at the store, bought yesterday, 100.00 per unit; its reference. */
    public String storeReceipt(String store, String sku, int quantity) {
        return inStore(store, store + "-R-" + System.nanoTime()).line(sku, "appliances", quantity, quantity + "00.00")
                .at(Instant.now().minusSeconds(86_400)).by(anyMember());
    }

    /** A receipt of the shopper's own member at the store, bought yesterday; its reference. */
    public String ownReceipt(String shopperToken, String store, String sku) {
        return inStore(store, store + "-R-" + System.nanoTime()).line(sku, "appliances", 1, "100.00").at(Instant.now().minusSeconds(86_400))
                .by(memberOf(shopperToken));
    }

    /** An online order of the shopper's own member, bought yesterday; its reference. */
    public String ownOrder(String shopperToken, String sku) {
        return online("SO-" + System.nanoTime()).line(sku, "apparel", 1, "100.00").at(Instant.now().minusSeconds(86_400))
                .by(memberOf(shopperToken));
    }

    public Sale online(String reference) {
        return new Sale("ONLINE", null, reference);
    }

    public Sale inStore(String store, String reference) {
        return new Sale("STORE", store, reference);
    }

    /** A purchase as member-svc records it with its earn: the shop's server for online orders, the store's till for receipts. */
    public final class Sale {

        private final String channel;
        private final String store;
        private final String reference;
        private final List<Map<String, Object>> lines = new ArrayList<>();
        private final List<Map<String, Object>> tenders = new ArrayList<>();
        private Instant at = Instant.now();
        private String currency = "CNY";

        private Sale(String channel, String store, String reference) {
            this.channel = channel;
            this.store = store;
            this.reference = reference;
        }

        public Sale line(String sku, String category, int quantity, String amount) {
            lines.add(Map.of("sku", sku, "category", category, "quantity", quantity, "amount", amount));
            return this;
        }

        public Sale paidBy(String method, String amount) {
            tenders.add(Map.of("method", method, "amount", amount));
            return this;
        }

        public Sale in(String currencyCode) {
            this.currency = currencyCode;
            return this;
        }

        public Sale at(Instant occurredAt) {
            this.at = occurredAt;
            return this;
        }

        /** Recorded for the member; returns the purchase's reference. */
        public String by(String memberId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("memberId", memberId);
            body.put("channel", channel);
            if (store != null) {
                body.put("storeId", store);
            }
            body.put("reference", reference);
            body.put("occurredAt", at.toString());
            body.put("currency", currency);
            body.put("lines", lines);
            if (!tenders.isEmpty()) {
                body.put("tenders", tenders);
            }
            String token = store == null ? tokens.shopBackend() : tokens.pos(store);
            Api.Response earned = members().as(token).post("/api/members/points/earns", body);
            assertThat(earned.status()).as(earned.toString()).isIn(200, 201);
            return reference;
        }
    }
}
