package dev.santong.goods.catalogue;

/** Whether a channel lists a SKU. Pricing owns the listings and answers; the catalogue asks before showing a shopper a SKU. */
public interface ChannelListings {

    boolean isListed(String sku, String channel);
}
