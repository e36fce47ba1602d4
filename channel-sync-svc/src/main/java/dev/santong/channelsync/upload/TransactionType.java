package dev.santong.channelsync.upload;

public enum TransactionType {
    SALE, RETURN, VOID, NO_SALE, MEMBER_ENROLMENT, POINTS_REDEMPTION, STOCK_COUNT, STOCK_ADJUSTMENT, DAY_CLOSE
}
