package dev.santong.channelsync.upload;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a transaction's {@code payload} as Santong reads it ({@link dev.santong.channelsync.receipt.Receipt}):
 * for the OpenAPI document only. The payload is stored exactly as sent, so fields Santong does not read are kept too.
 */
@Schema(name = "ReceiptPayload", description = """
        What a transaction carries. SALE and RETURN: lines, tenders and the member shown; a RETURN names the purchase it \
        takes back. VOID: the receipt's reference, nothing applies. STOCK_COUNT and STOCK_ADJUSTMENT: lines with the \
        counted or adjusted quantity per SKU. MEMBER_ENROLMENT: enrolment. POINTS_REDEMPTION: member and pointsRedeemed. \
        NO_SALE, DAY_CLOSE and CONTROL: no payload is read.""")
record ReceiptPayload(
        @Schema(description = "The receipt's own reference, unique in the store", example = "R-9-34-20261120-161") String reference,
        @Schema(description = "ISO 4217; the store's currency when absent", example = "CNY") String currency,
        @Schema(description = "The member shown at the till, by one of these") Member member,
        @Schema(description = "At most 500") List<Line> lines,
        @Schema(description = "At most 500") List<Tender> tenders,
        @Schema(description = "Points used to pay part of the receipt", example = "0") Long pointsRedeemed,
        @Schema(description = "A RETURN: the store receipt taken back") OriginalReceipt originalReceipt,
        @Schema(description = "A RETURN: a purchase of another channel taken back (an online order)") OriginalPurchase originalPurchase) {

    @Schema(description = "Exactly one is enough; a phone is read in the store's region when it has no country code")
    record Member(@Schema(example = "6d3f2b1c-0e5a-4b7e-9c1d-2a3b4c5d6e7f") String memberId, @Schema(example = "8800123456") String card,
            @Schema(example = "+8613800138000") String phone, @Schema(example = "M-7K2Q9") String memberCode) {
    }

    record Line(@Schema(description = "The line's number on the receipt", example = "1") String sequence,
            @Schema(description = "The SKU code, when the till knows it", example = "OX-BLU-M") String sku,
            @Schema(description = "The scanned GTIN (any length) or the POS's item id", example = "4006381333931") String gtin,
            @Schema(description = "Units; 1 when absent; counted units for STOCK_COUNT", example = "1") BigDecimal quantity,
            @Schema(description = "The line's amount before its discount", example = "199.00") BigDecimal amount,
            @Schema(example = "0.00") BigDecimal discount,
            @Schema(description = "RETURN for a line taken back", allowableValues = { "SALE", "RETURN" }, example = "SALE") String kind,
            @Schema(description = "A line voided on the receipt: kept, never applied", example = "false") Boolean voided,
            @Schema(example = "shirts") String category) {
    }

    record Tender(
            @Schema(description = "How this part was paid, as the till names it: CASH, CARD, WECHAT_PAY, …", example = "CARD") String type,
            @Schema(example = "199.00") BigDecimal amount) {
    }

    record OriginalReceipt(@Schema(example = "9") String storeId, @Schema(example = "34") String workstationId,
            @Schema(example = "2026-11-19") String businessDay, @Schema(example = "160") Long sequenceNumber) {
    }

    record OriginalPurchase(@Schema(example = "ONLINE") String channel, @Schema(example = "SO-DEMO-1") String reference) {
    }
}
