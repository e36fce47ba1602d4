package dev.santong.channelsync.goods;

import java.time.Instant;
import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;

import dev.santong.platform.kit.feign.ServiceAccountFeignConfiguration;
import tools.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

@FeignClient(name = "goods", url = "${santong.remotes.goods-url}", configuration = ServiceAccountFeignConfiguration.class)
public interface GoodsClient {

    /** By {@code sku} or by the {@code barcode} the till scanned (GTIN or store barcode), which goods-svc resolves. */
    record Movement(String sku, String barcode, String location, String cause, long quantity, Instant businessTime, String reference,
            String line) {
    }

    record Applied(boolean replayed) {
    }

    record MovementBatch(List<Movement> movements) {
    }

    record BatchApplied(int applied, int replayed) {
    }

    record Sku(String code) {
    }

    record ReferenceTotal(String sku, String cause, long quantity, long movements) {
    }

    record ChangePage(List<JsonNode> changes, long next) {
    }

    @GetMapping("/api/goods/changes")
    ChangePage changes(@RequestParam("after") long after, @RequestParam("limit") int limit, @RequestParam("location") String location);

    @PostMapping("/api/goods/stock/movements")
    Applied move(@RequestBody Movement movement);

    /** A receipt's movements together (all or none), each once by its own key. */
    @PostMapping("/api/goods/stock/movement-batches")
    BatchApplied moveAll(@RequestBody MovementBatch batch);

    @GetMapping("/api/goods/skus")
    Sku skuByBarcode(@RequestParam("barcode") String barcode);

    @GetMapping("/api/goods/stock/movement-totals")
    List<ReferenceTotal> movementTotals(@RequestParam("location") String location, @RequestParam("referencePrefix") String referencePrefix);
}
