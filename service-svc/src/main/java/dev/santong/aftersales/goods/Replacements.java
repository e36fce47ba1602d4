package dev.santong.aftersales.goods;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.RemoteFailures;

/** An exchange's replacement goods in goods-svc: their price in the case's channel, and a hold on them where the case is. */
@Component
public class Replacements {

    /** How long a replacement is held for the shopper to collect or for the warehouse to ship. */
    private static final Duration HOLD = Duration.ofDays(7);

    private final GoodsClient goods;

    Replacements(GoodsClient goods) {
        this.goods = goods;
    }

    /**
     * The SKU's unit price in force for the channel ({@code ONLINE} or {@code STORE:<store>}); empty when it has none.
     * goods-svc not answering is a 503: the step waits for it.
     */
    public Optional<BigDecimal> unitPrice(String sku, String channel, String currency) {
        try {
            return Optional.ofNullable(goods.price(sku, channel, currency)).map(GoodsClient.Price::amount);
        } catch (RuntimeException e) {
            if (RemoteFailures.status(e) == 404) {
                return Optional.empty();
            }
            throw RemoteFailures.unavailable("goods-svc (prices)", e);
        }
    }

    /**
     * Holds the replacement at the location for the case's line ({@code STORE} at a store's counter, {@code ONLINE} to
     * ship), once per case and line; a failure (no stock to promise, goods-svc down) is thrown for the outbox to try again.
     */
    public void hold(String caseId, int line, String sku, String location, long quantity, boolean atStore, String idempotencyKey) {
        goods.hold(idempotencyKey + "-" + line, new GoodsClient.Hold(sku, location, quantity, atStore ? "STORE" : "ONLINE", "case-" + caseId,
                Integer.toString(line), HOLD.toSeconds()));
    }
}
