package dev.santong.aftersales.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;

/** member-svc as after-sales needs it: purchases to check cases against, and the points a refund reverses. */
@FeignClient(name = "member", url = "${santong.remotes.member-url}", configuration = ServiceAccountFeignConfiguration.class)
interface MemberClient {

    record PurchaseLine(String sku, String category, BigDecimal quantity, BigDecimal amount) {
    }

    record Tender(String method, BigDecimal amount) {
    }

    record Purchase(String memberId, String channel, String storeId, String reference, Instant occurredAt, BigDecimal amount,
            String currency, BigDecimal returnedAmount, List<PurchaseLine> lines, List<Tender> tenders) {
    }

    record PurchaseRef(String channel, String storeId, String reference) {
    }

    record Reversal(PurchaseRef purchase, String returnReference, String channel, String storeId, BigDecimal returnedAmount, String currency,
            Instant occurredAt) {
    }

    record Entry(long points) {
    }

    record Reversed(Entry reversedEarn, Entry returnedRedemption) {
    }

    @PostMapping("/api/members/points/reversals")
    Reversed reverse(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Reversal reversal);

    record EarnLine(String sku, String category, BigDecimal quantity, BigDecimal amount) {
    }

    record Earn(String memberId, String channel, String storeId, String reference, Instant occurredAt, String currency, List<EarnLine> lines) {
    }

    record Posted(Entry entry) {
    }

    @PostMapping("/api/members/points/earns")
    Posted earn(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Earn earn);

    record Benefit(String campaign, String service, Instant validUntil) {
    }

    record BenefitUse(String channel, String storeId, String reference) {
    }

    @GetMapping("/api/members/{memberId}/benefits/{service}")
    List<Benefit> benefits(@PathVariable("memberId") String memberId, @PathVariable("service") String service, @RequestParam("channel") String channel);

    @PostMapping("/api/members/{memberId}/benefits/{service}/uses")
    void useBenefit(@RequestHeader("Idempotency-Key") String idempotencyKey, @PathVariable("memberId") String memberId,
            @PathVariable("service") String service, @RequestBody BenefitUse use);

    record Figures(String channel, long memberOrders, BigDecimal memberRevenue, long nonMemberOrders, BigDecimal nonMemberRevenue) {
    }

    record Report(java.util.List<Figures> channels) {
    }

    @GetMapping("/api/members/analytics")
    Report analytics(@RequestParam("from") Instant from, @RequestParam("to") Instant to, @RequestParam("currency") String currency);

    /** @param shopper a shopper account's subject: the purchase is found only if that shopper's member made it */
    @GetMapping("/api/members/purchases")
    Purchase purchase(@RequestParam("channel") String channel, @RequestParam(name = "storeId", required = false) String storeId,
            @RequestParam("reference") String reference, @RequestParam(name = "shopper", required = false) String shopper);
}
