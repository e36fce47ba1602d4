package dev.santong.channelsync.aftersales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;

/** service-svc as channel-sync-svc needs it: returns taken at tills, recorded as after-sales cases. */
@FeignClient(name = "aftersales", url = "${santong.remotes.aftersales-url}", configuration = ServiceAccountFeignConfiguration.class)
public interface AftersalesClient {

    record Purchase(String channel, String storeId, String reference) {
    }

    record Line(String sku, int quantity, BigDecimal amount) {
    }

    record TillReturn(String reference, Instant occurredAt, Purchase purchase, String currency, List<Line> lines) {
    }

    record Recorded(String caseId, boolean replayed) {
    }

    @PostMapping("/internal/stores/{storeId}/till-returns")
    Recorded record(@RequestHeader("Idempotency-Key") String idempotencyKey, @PathVariable("storeId") String storeId,
            @RequestBody TillReturn tillReturn);
}
