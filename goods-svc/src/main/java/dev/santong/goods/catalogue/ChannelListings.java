package dev.santong.goods.catalogue;

/** Whether a channel lists a SKU. Pricing owns the listings and answers; the catalogue asks before showing a shopper a SKU. */
public interface ChannelListings {

    boolean isListed(String sku, String channel);

    /** The SKUs among {@code skus} the channel lists, by the same rule: for a page of a list, in one query. */
    java.util.Set<String> listedAmong(java.util.Collection<String> skus, String channel);

    /** The rows of a page with a SKU the channel lists (all of them when no channel is asked for), in their order. */
    default <T> java.util.List<T> keepListed(java.util.List<T> rows, String channel,
            java.util.function.Function<T, java.util.Collection<String>> skusOf) {
        if (channel == null) {
            return rows;
        }
        java.util.Set<String> listed = listedAmong(rows.stream().flatMap(row -> skusOf.apply(row).stream()).toList(), channel);
        return rows.stream().filter(row -> skusOf.apply(row).stream().anyMatch(listed::contains)).toList();
    }
}
