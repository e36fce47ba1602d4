package dev.santong.goods.catalogue;

/** Whether a channel lists a SKU. Pricing owns the listings and answers; the catalogue asks before showing a shopper a SKU. */
public interface ChannelListings {

    boolean isListed(String sku, String channel);

    /** The SKUs among {@code skus} the channel lists, by the same rule: for a page of a list, in one query. */
    java.util.Set<String> listedAmong(java.util.Collection<String> skus, String channel);
}
