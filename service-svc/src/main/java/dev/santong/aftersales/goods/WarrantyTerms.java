package dev.santong.aftersales.goods;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.RemoteFailures;

/** How long each SKU is under warranty, as goods-svc's catalogue says. */
@Component
public class WarrantyTerms {

    /** @param category the catalogue's category, when the purchase line named none */
    public record Terms(String sku, int warrantyMonths, String category) {
    }

    private final GoodsClient goods;

    WarrantyTerms(GoodsClient goods) {
        this.goods = goods;
    }

    /** The SKU's terms; empty for a SKU the catalogue does not know. goods-svc not answering is a 503. */
    public Optional<Terms> of(String sku) {
        try {
            GoodsClient.Sku found = goods.sku(sku);
            return Optional.of(new Terms(found.code(), found.warrantyMonths(), found.category()));
        } catch (RuntimeException e) {
            if (RemoteFailures.status(e) == 404) {
                return Optional.empty();
            }
            throw RemoteFailures.unavailable("goods-svc (warranty terms)", e);
        }
    }
}
