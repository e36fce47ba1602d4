package dev.santong.aftersales.cases;

/** Where a purchase was made or a case was opened. */
enum SalesChannel {
    ONLINE, STORE, HQ
}
