package dev.santong.channelsync.upload;

public enum TransactionType {
    SALE, RETURN, VOID, NO_SALE, MEMBER_ENROLMENT, POINTS_REDEMPTION, STOCK_COUNT, STOCK_ADJUSTMENT, DAY_CLOSE,
    /** Operator sign-on/off and other control records: no sale, but part of the sequence. */
    CONTROL
}
