package dev.santong.aftersales.cases;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param firstResponse           time to the first response the brand promises, per case type
 * @param returnWindows           how long after the purchase goods bought in a channel may be returned or exchanged
 * @param categoryReturnWindows   the window for goods of a category (lower case), wherever bought: HQ's exceptions
 * @param onlineReturnsLocation   where goods of a case opened online arrive when the receiving step names no location
 * @param freeRepairService       the service a free-repair benefit (FREE_SERVICE voucher) names
 */
@ConfigurationProperties("santong.aftersales")
record AftersalesProperties(Map<CaseType, Duration> firstResponse, Map<SalesChannel, Duration> returnWindows,
        Map<String, Duration> categoryReturnWindows, String onlineReturnsLocation, String freeRepairService) {

    public AftersalesProperties {
        Map<SalesChannel, Duration> windows = new EnumMap<>(SalesChannel.class);
        windows.put(SalesChannel.ONLINE, Duration.ofDays(30));
        windows.put(SalesChannel.STORE, Duration.ofDays(15));
        windows.put(SalesChannel.HQ, Duration.ofDays(15));
        if (returnWindows != null) {
            windows.putAll(returnWindows);
        }
        returnWindows = Map.copyOf(windows);
        Map<String, Duration> categories = new java.util.HashMap<>();
        if (categoryReturnWindows != null) {
            categoryReturnWindows.forEach((category, window) -> categories.put(category.toLowerCase(java.util.Locale.ROOT), window));
        }
        categoryReturnWindows = Map.copyOf(categories);
        onlineReturnsLocation = onlineReturnsLocation == null || onlineReturnsLocation.isBlank() ? "WH-SH" : onlineReturnsLocation;
        freeRepairService = freeRepairService == null || freeRepairService.isBlank() ? "repair" : freeRepairService;
        Map<CaseType, Duration> complete = new EnumMap<>(CaseType.class);
        for (CaseType type : CaseType.values()) {
            complete.put(type, Duration.ofHours(24));
        }
        if (firstResponse != null) {
            complete.putAll(firstResponse);
        }
        firstResponse = Map.copyOf(complete);
    }
}
