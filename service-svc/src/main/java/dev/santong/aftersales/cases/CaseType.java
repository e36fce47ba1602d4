package dev.santong.aftersales.cases;

enum CaseType {
    RETURN, EXCHANGE, REPAIR, CLAIM, COMPLAINT
}
