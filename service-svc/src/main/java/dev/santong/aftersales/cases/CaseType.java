package dev.santong.aftersales.cases;

public enum CaseType {
    RETURN, EXCHANGE, REPAIR, COMPLAINT
}
