package dev.santong.aftersales.cases;

enum CaseType {
    RETURN, EXCHANGE, REPAIR, CLAIM, COMPLAINT;

    /** Whether the case takes goods back from the purchase (so others may take back only what is left). */
    boolean takesGoodsBack() {
        return this == RETURN || this == EXCHANGE || this == CLAIM;
    }
}
