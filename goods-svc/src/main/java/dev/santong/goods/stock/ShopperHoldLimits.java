package dev.santong.goods.stock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one self-registered shopper may hold at a time, whatever order references they make up. The shop's server,
 * stores and HQ are not bound by these; their holds are checked where they come from.
 *
 * @param maxUnitsPerSku units of one SKU in the shopper's open holds, all locations together
 * @param maxOpenHolds   open holds of the shopper, all SKUs together
 * @param maxTtl         the longest a shopper's hold may live (and its default when they ask for none)
 */
@ConfigurationProperties("santong.reservations.shopper")
record ShopperHoldLimits(Integer maxUnitsPerSku, Integer maxOpenHolds, Duration maxTtl) {

    public ShopperHoldLimits {
        maxUnitsPerSku = maxUnitsPerSku == null ? 5 : maxUnitsPerSku;
        maxOpenHolds = maxOpenHolds == null ? 10 : maxOpenHolds;
        maxTtl = maxTtl == null ? Duration.ofMinutes(30) : maxTtl;
        if (maxUnitsPerSku < 1 || maxOpenHolds < 1 || maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("santong.reservations.shopper limits must be positive");
        }
    }
}
