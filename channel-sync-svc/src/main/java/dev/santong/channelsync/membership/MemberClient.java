package dev.santong.channelsync.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;

@FeignClient(name = "member", url = "${santong.remotes.member-url}", configuration = ServiceAccountFeignConfiguration.class)
public interface MemberClient {

    /** @param quantity units or a weight, at most three decimals; null for one */
    record EarnLine(String sku, String category, BigDecimal quantity, BigDecimal amount) {
    }

    /** How part of the receipt was paid, for refunds later; {@code method} as the till named it, normalised. */
    record Tender(String method, BigDecimal amount) {
    }

    /** The identity a shopper presented at a till, when the till named no member id: exactly one of them. */
    record Presented(String phone, String card, String memberCode) {
    }

    record Earn(String memberId, Presented presented, String channel, String storeId, String reference, Instant occurredAt, String currency, List<EarnLine> lines,
            List<Tender> tenders) {
    }

    record Redeem(String memberId, Presented presented, String channel, String storeId, String reference, long points, BigDecimal orderAmount, String currency,
            Instant occurredAt) {
    }

    record PurchaseRef(String channel, String storeId, String reference) {
    }

    record Reversal(PurchaseRef purchase, String returnReference, String channel, String storeId, BigDecimal returnedAmount, String currency,
            Instant occurredAt) {
    }

    record NonMemberPurchase(String channel, String storeId, String reference, BigDecimal amount, String currency, Instant occurredAt) {
    }

    record Entry(long points) {
    }

    record Posted(Entry entry, long balance, boolean replayed) {
    }

    record Reversed(Entry reversedEarn, Entry returnedRedemption, long balance, boolean replayed) {
    }

    record ReferencePoints(String reference, String kind, long points) {
    }

    record Purchases(long count, BigDecimal amount, long members) {
    }

    record StoreTotals(long earned, long redeemed, long reversed, long givenBack, Purchases purchases, List<ReferencePoints> entries) {
    }

    /** The enrolment request as the till captured it (channel STORE, its store): member-svc validates and resolves it. */
    @PostMapping("/api/members")
    JsonNode enrol(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody JsonNode enrolment);

    @PostMapping("/api/members/points/earns")
    Posted earn(@RequestBody Earn earn);

    @PostMapping("/api/members/points/redemptions")
    Posted redeem(@RequestBody Redeem redeem);

    @PostMapping("/api/members/points/reversals")
    Reversed reverse(@RequestBody Reversal reversal);

    @PostMapping("/api/members/purchase-facts")
    void nonMemberPurchase(@RequestBody NonMemberPurchase purchase);

    record NonMemberPurchases(List<NonMemberPurchase> purchases) {
    }

    @PostMapping("/api/members/purchase-facts/batches")
    void nonMemberPurchases(@RequestBody NonMemberPurchases batch);

    record TillCachePage(String cursor, List<JsonNode> members, boolean more, JsonNode key, boolean resync) {
    }

    @GetMapping("/api/members/till-cache")
    TillCachePage tillCache(@RequestParam("store") String store, @RequestParam(value = "after", required = false) String after,
            @RequestParam("limit") int limit);

    @GetMapping("/api/members/points/store-totals")
    StoreTotals storeTotals(@RequestParam("storeId") String storeId, @RequestParam("referencePrefix") String referencePrefix);
}
