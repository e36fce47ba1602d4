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

    @PostMapping("/api/goods/stock/movement-batches")
    void move(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody MovementBatch batch);
}
