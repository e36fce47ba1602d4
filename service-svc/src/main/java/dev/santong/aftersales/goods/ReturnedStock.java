package dev.santong.aftersales.goods;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Returned goods in goods-svc's stock: arriving at the location that received them (awaiting inspection), then back on
 * the shelf or to damaged. Each movement is keyed by the case and line, so a repeated delivery moves nothing twice.
 */
@Component
public class ReturnedStock {

    public enum Move { RECEIVED, RESTOCKED, DAMAGED }

    /** @param line the case's line number: one case may bring the same SKU back on two lines */
    public record Item(String sku, int line, long quantity, Move move) {
    }

    private final GoodsClient goods;

    ReturnedStock(GoodsClient goods) {
        this.goods = goods;
    }

    /**
     * All of the items at once, in order (goods-svc applies a batch whole); a failure is thrown for the outbox to try
     * again. Arrivals carry {@code receivedAt}, the rest {@code at}: a movement sent twice must be the same movement.
     */
    public void move(String caseId, String location, Instant receivedAt, Instant at, List<Item> items, String idempotencyKey) {
        goods.move(idempotencyKey, new GoodsClient.MovementBatch(items.stream()
                .map(item -> new GoodsClient.Movement(item.sku(), location, cause(item.move()), item.quantity(),
                        item.move() == Move.RECEIVED ? receivedAt : at, "case-" + caseId, Integer.toString(item.line())))
                .toList()));
    }

    private static String cause(Move move) {
        return switch (move) {
            case RECEIVED -> "RETURN_RECEIVED";
            case RESTOCKED -> "INSPECTED_RESTOCK";
            case DAMAGED -> "INSPECTED_DAMAGED";
        };
    }
}
