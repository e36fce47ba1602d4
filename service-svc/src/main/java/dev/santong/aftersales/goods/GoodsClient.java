package dev.santong.aftersales.goods;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;

/** goods-svc as after-sales needs it: the warranty terms of SKUs. */
@FeignClient(name = "goods", url = "${santong.remotes.goods-url}", configuration = ServiceAccountFeignConfiguration.class)
interface GoodsClient {

    record Sku(String code, int warrantyMonths, String category) {
    }

    @GetMapping("/api/goods/skus/{code}")
    Sku sku(@PathVariable("code") String code);
}
