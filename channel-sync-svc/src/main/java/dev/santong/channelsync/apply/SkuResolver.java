package dev.santong.channelsync.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.santong.channelsync.goods.GoodsClient;

/** The catalogue's SKU for what a till scanned (a SKU code, or a GTIN looked up once and remembered). */
@Component
public class SkuResolver {

    private final GoodsClient goods;
    // A catalogue's barcodes do not move between SKUs, and a till's day repeats the same few.
    private final Map<String, String> skuByBarcode = new ConcurrentHashMap<>();

    SkuResolver(GoodsClient goods) {
        this.goods = goods;
    }

    /**
     * @throws ApplyFailure refused when the barcode is not in the catalogue, transient when goods-svc cannot answer
     */
    public String sku(String sku, String gtin) {
        if (sku != null) {
            return sku;
        }
        String cached = skuByBarcode.get(gtin);
        if (cached != null) {
            return cached;
        }
        try {
            String found = goods.skuByBarcode(gtin).code();
            if (skuByBarcode.size() > 200_000) {
                skuByBarcode.clear();
            }
            skuByBarcode.put(gtin, found);
            return found;
        } catch (RuntimeException e) {
            if (ApplyFailure.isNotFound(e)) {
                throw ApplyFailure.refused("barcode " + gtin + " is not in the catalogue");
            }
            throw ApplyFailure.of("looking up barcode " + gtin, e);
        }
    }
}
