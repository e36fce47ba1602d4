package dev.santong.channelsync.receipt;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The effects-relevant reading of a transaction's payload, the same for JSON uploads and POSLog imports.
 * <pre>
 * { "currency": "CNY",
 *   "member": {"memberId" | "card" | "phone" | "memberCode": "…"},          (POSLog: LoyaltyMembership/LoyaltyID is the card)
 *   "lines": [{"sku" | "gtin" | "itemId": "…", "quantity": 2, "amount": "39.80", "kind": "SALE" | "RETURN", "voided": false,
 *              "category": "apparel", "sequence": "1"}],
 *   "pointsRedeemed": 100, "orderAmount": "120.00",          (a redemption on its own names the order it paid)
 *   "originalReceipt": {"storeId": "9", "workstationId": "3", "businessDay": "2026-11-20", "sequenceNumber": 1041}
 *       or "originalPurchase": {"channel": "ONLINE", "reference": "SO-1001"},   (returns)
 *   "enrolment": {"phone", "email", "displayName", "loyaltyCardNumber", "posMemberCode"},   (offline enrolments)
 *   "tenders": [{"type": "Cash", "amount": "50.00"}] }
 * </pre>
 */
public record Receipt(String reference, String currency, Optional<MemberRef> member, List<Line> lines, long pointsRedeemed,
        Optional<BigDecimal> orderAmount, Optional<OriginalPurchase> original, Optional<JsonNode> enrolment, List<Tender> tenders) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public record MemberRef(String memberId, String card, String phone, String memberCode) {

        /**
         * For reasons and logs that stores and HQ read: the member id (a pseudonym) in full, an identity only by its last
         * four characters, so no quarantine reason or log line carries a phone number or a card.
         */
        public String describe() {
            return memberId != null ? "member " + memberId : card != null ? "card " + lastFour(card) : phone != null ? "phone " + lastFour(phone)
                    : "member code " + lastFour(memberCode);
        }
    }

    /** An identity as stores and HQ read it in reasons, logs and conflicts: its last four characters only. */
    public static String lastFour(String identity) {
        return identity.length() <= 4 ? "****" : "****" + identity.substring(identity.length() - 4);
    }

    /** @param lineId the receipt line (the POS's line sequence, else its position), part of every movement's key */
    public record Line(String lineId, String sku, String gtin, BigDecimal quantity, BigDecimal amount, boolean returned, boolean voided,
            String category) {

        public String itemKey() {
            return sku != null ? sku : gtin;
        }
    }

    public record Tender(String type, BigDecimal amount) {
    }

    /** The purchase a return takes back: a store receipt (reference built the same way) or another channel's order. */
    public record OriginalPurchase(String channel, String storeId, String reference, Optional<StoreReceipt> storeReceipt) {
    }

    public record StoreReceipt(String storeId, String workstationId, LocalDate businessDay, long sequenceNumber) {
    }

    /** A till receipt's reference everywhere (points, purchases, stock): store and day first, so a day shares a prefix. */
    public static String reference(String storeId, LocalDate businessDay, String workstationId, long sequenceNumber) {
        return dayPrefix(storeId, businessDay) + workstationId + "-" + sequenceNumber;
    }

    public static String dayPrefix(String storeId, LocalDate businessDay) {
        return storeId + "-" + businessDay.format(DAY) + "-";
    }

    /**
     * The reference an accepted correction's effects carry: the receipt's own with the conflict's id, so they count in
     * the receipt's store day and are keyed apart from what the replaced version did.
     */
    public static String correctionReference(String reference, long conflictId) {
        return reference + CORRECTION + conflictId;
    }

    public static boolean isCorrection(String reference) {
        return reference != null && reference.contains(CORRECTION);
    }

    private static final String CORRECTION = "/c";

    /**
     * The personal values a payload may carry, as sent: the member's card, phone or code, POSLog loyalty ids, and
     * everything an offline enrolment captured. What an erasure looks for (the member id is a pseudonym and stays).
     */
    public static java.util.Set<String> identities(JsonNode payload) {
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        if (payload == null) {
            return values;
        }
        JsonNode member = payload.path("member");
        for (String field : List.of("card", "phone", "memberCode")) {
            if (member.path(field).isString() && !member.path(field).asString().isBlank()) {
                values.add(member.path(field).asString());
            }
        }
        // POSLog: the loyalty card, membership and household ids a till scanned.
        payload.path("loyaltyMemberships").forEach(membership -> membership.forEach(value -> {
            if (value.isString() && !value.asString().isBlank()) {
                values.add(value.asString());
            }
        }));
        payload.path("enrolment").forEach(value -> {
            if (value.isString() && !value.asString().isBlank()) {
                values.add(value.asString());
            }
        });
        return values;
    }

    /** The same receipt under another reference (a correction's). */
    public Receipt withReference(String otherReference) {
        return new Receipt(otherReference, currency, member, lines, pointsRedeemed, orderAmount, original, enrolment, tenders);
    }

    /** As {@link #read}, failing with the payload field that does not read (for refusing a bad upload up front). */
    public static void check(JsonNode payload) {
        try {
            read("check", payload, "XXX");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("holds an amount or quantity that is not a number");
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("originalReceipt.businessDay is not an ISO date");
        }
    }

    /** For reports over what was received: a payload that does not read counts as an empty receipt (it is quarantined). */
    public static Receipt readOrEmpty(String reference, JsonNode payload, String defaultCurrency) {
        try {
            return read(reference, payload, defaultCurrency);
        } catch (RuntimeException unreadable) {
            return read(reference, null, defaultCurrency);
        }
    }

    public static Receipt read(String reference, JsonNode payload, String defaultCurrency) {
        JsonNode body = payload == null ? tools.jackson.databind.node.NullNode.getInstance() : payload;
        List<Line> lines = new ArrayList<>();
        JsonNode lineNodes = body.path("lines");
        if (lineNodes.size() > MAX_LINES || body.path("tenders").size() > MAX_LINES) {
            throw new IllegalArgumentException("lines and tenders hold at most " + MAX_LINES + " entries each; no receipt has more");
        }
        for (int i = 0; i < lineNodes.size(); i++) {
            JsonNode line = lineNodes.get(i);
            lines.add(new Line(text(line, "sequence").orElse(Integer.toString(i + 1)), text(line, "sku").orElse(null),
                    // Without a GTIN, the POS's own item id is looked up as a store barcode.
                    text(line, "gtin").or(() -> text(line, "itemId")).orElse(null), decimal(line, "quantity", "lines[" + i + "]").orElse(BigDecimal.ONE),
                    decimal(line, "amount", "lines[" + i + "]").orElse(BigDecimal.ZERO)
                            .subtract(decimal(line, "discount", "lines[" + i + "]").orElse(BigDecimal.ZERO)),
                    "RETURN".equalsIgnoreCase(text(line, "kind").orElse("SALE")), line.path("voided").asBoolean(false),
                    text(line, "category").orElse(null)));
        }
        List<Tender> tenders = new ArrayList<>();
        JsonNode tenderNodes = body.path("tenders");
        for (int i = 0; i < tenderNodes.size(); i++) {
            JsonNode tender = tenderNodes.get(i);
            tenders.add(new Tender(text(tender, "type").orElse("UNKNOWN"), decimal(tender, "amount", "tenders[" + i + "]").orElse(BigDecimal.ZERO)));
        }
        return new Receipt(reference, text(body, "currency").orElse(defaultCurrency), member(body), List.copyOf(lines),
                body.path("pointsRedeemed").asLong(0), decimal(body, "orderAmount", null), original(body), body.hasNonNull("enrolment") ? Optional.of(body.get("enrolment")) : Optional.empty(),
                List.copyOf(tenders));
    }

    public List<Line> liveLines() {
        return lines.stream().filter(line -> !line.voided()).toList();
    }

    public BigDecimal saleAmount() {
        return liveLines().stream().filter(line -> !line.returned()).map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal returnAmount() {
        return liveLines().stream().filter(Line::returned).map(line -> line.amount().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Optional<MemberRef> member(JsonNode body) {
        JsonNode member = body.path("member");
        if (member.isObject()) {
            MemberRef ref = new MemberRef(text(member, "memberId").orElse(null), text(member, "card").orElse(null),
                    text(member, "phone").orElse(null), text(member, "memberCode").orElse(null));
            if (ref.memberId() != null || ref.card() != null || ref.phone() != null || ref.memberCode() != null) {
                return Optional.of(ref);
            }
        }
        for (JsonNode membership : body.path("loyaltyMemberships")) {
            Optional<String> card = text(membership, "loyaltyId");
            if (card.isPresent()) {
                return Optional.of(new MemberRef(null, card.get(), null, null));
            }
        }
        return Optional.empty();
    }

    private static Optional<OriginalPurchase> original(JsonNode body) {
        JsonNode receipt = body.path("originalReceipt");
        if (receipt.isObject() && receipt.hasNonNull("storeId") && receipt.hasNonNull("workstationId") && receipt.hasNonNull("businessDay")
                && receipt.hasNonNull("sequenceNumber")) {
            StoreReceipt store = new StoreReceipt(receipt.get("storeId").asString(), receipt.get("workstationId").asString(),
                    LocalDate.parse(receipt.get("businessDay").asString()), receipt.get("sequenceNumber").asLong());
            return Optional.of(new OriginalPurchase("STORE", store.storeId(),
                    reference(store.storeId(), store.businessDay(), store.workstationId(), store.sequenceNumber()), Optional.of(store)));
        }
        JsonNode other = body.path("originalPurchase");
        if (other.isObject() && other.hasNonNull("channel") && other.hasNonNull("reference")) {
            return Optional.of(new OriginalPurchase(other.get("channel").asString(), text(other, "storeId").orElse(null),
                    other.get("reference").asString(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isContainer()) {
            throw new IllegalArgumentException(field + " must be a plain value, not " + (value.isObject() ? "an object" : "a list"));
        }
        return value == null || value.isNull() || value.asString().isBlank() ? Optional.empty() : Optional.of(value.asString().strip());
    }

    /** Lines or tenders of one receipt; a till's largest basket is far below it. */
    static final int MAX_LINES = 1000;

    /** Amounts and quantities a till can mean: up to 14 digits before the point and 4 after it. */
    static final int MAX_INTEGER_DIGITS = 14;
    static final int MAX_FRACTION_DIGITS = 4;

    /**
     * A bounded decimal, refused with its path when it is not one a till can mean: "1E+6000000" is short to send but
     * costs seconds of CPU in every sum it enters, at upload and again at apply.
     */
    private static Optional<BigDecimal> decimal(JsonNode node, String field, String parent) {
        String path = parent == null ? field : parent + "." + field;
        return text(node, field).map(text -> {
            if (text.length() > 40) {
                throw new IllegalArgumentException(path + " is longer than any amount or quantity");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + " is not a number");
            }
            if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
                throw new IllegalArgumentException(path + " must have at most " + MAX_INTEGER_DIGITS + " digits before the point and "
                        + MAX_FRACTION_DIGITS + " after it");
            }
            return value;
        });
    }
}
