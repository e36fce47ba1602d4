package dev.santong.aftersales.goods;

import java.time.Instant;
import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;

/** goods-svc as after-sales needs it: the warranty terms of SKUs, and returned goods arriving and inspected. */
@FeignClient(name = "goods", url = "${santong.remotes.goods-url}", configuration = ServiceAccountFeignConfiguration.class)
interface GoodsClient {

    record Sku(String code, int warrantyMonths, String category) {
    }

    @GetMapping("/api/goods/skus/{code}")
    Sku sku(@PathVariable("code") String code);

    record Movement(String sku, String location, String cause, long quantity, Instant businessTime, String reference, String line) {
    }

    record MovementBatch(List<Movement> movements) {
    }

    record Price(String sku, String currency, java.math.BigDecimal amount) {
    }

    /** @param channel ONLINE or STORE:&lt;store&gt; */
    @GetMapping("/api/goods/skus/{sku}/price")
    Price price(@PathVariable("sku") String sku, @org.springframework.web.bind.annotation.RequestParam("channel") String channel,
            @org.springframework.web.bind.annotation.RequestParam("currency") String currency);

    record Hold(String sku, String location, long quantity, String channel, String orderReference, String line, long ttlSeconds) {
    }

    @PostMapping("/api/goods/reservations")
    void hold(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Hold hold);

    @PostMapping("/api/goods/stock/movement-batches")
    void move(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody MovementBatch batch);
}
