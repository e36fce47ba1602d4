package dev.santong.channelsync.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReceiptTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aReceiptReferenceStartsWithStoreAndDaySoADaySharesAPrefix() {
        String reference = Receipt.reference("9", LocalDate.parse("2026-11-20"), "3", 1041);
        assertThat(reference).isEqualTo("9-20261120-3-1041").startsWith(Receipt.dayPrefix("9", LocalDate.parse("2026-11-20")));
    }

    @Test
    void saleAmountsLeaveOutVoidedLinesAndDiscountsAndReturnsCountApart() {
        Receipt receipt = Receipt.read("r", json("""
                {"currency":"CNY","member":{"card":"C1"},"lines":[
                  {"sku":"A","quantity":2,"amount":"40.00","discount":"4.00"},
                  {"gtin":"4006381333931","quantity":1,"amount":"10.00","voided":true},
                  {"sku":"B","quantity":1,"amount":"15.50","kind":"RETURN"}],
                 "tenders":[{"type":"Cash","amount":"20.50"}]}"""), "CNY");
        assertThat(receipt.saleAmount()).isEqualByComparingTo("36.00");
        assertThat(receipt.returnAmount()).isEqualByComparingTo("15.50");
        assertThat(receipt.liveLines()).extracting(Receipt.Line::lineId).containsExactly("1", "3");
        assertThat(receipt.member()).get().extracting(Receipt.MemberRef::card).isEqualTo("C1");
    }

    @Test
    void aPosLogLoyaltyMembershipIsTheMembersCardAndMissingCurrencyIsTheHomeCurrency() {
        Receipt receipt = Receipt.read("r", json("""
                {"source":"POSLog","lines":[{"sequence":"4","kind":"SALE","voided":false,"gtin":"0001","quantity":1,"amount":"2.50"},
                                            {"sequence":"5","kind":"SALE","itemId":"ST-OXBLUM","quantity":1,"amount":"9.90"}],
                 "loyaltyMemberships":[{"loyaltyId":"7700123"}]}"""), "USD");
        assertThat(receipt.currency()).isEqualTo("USD");
        assertThat(receipt.member()).get().extracting(Receipt.MemberRef::card).isEqualTo("7700123");
        assertThat(receipt.lines().getFirst().lineId()).isEqualTo("4");
        assertThat(receipt.lines().get(1).itemKey()).as("the POS item id is looked up as a store barcode").isEqualTo("ST-OXBLUM");
    }

    @Test
    void aReturnNamesItsOriginalStoreReceiptOrAnotherChannelsOrder() {
        Receipt storeReturn = Receipt.read("r", json("""
                {"originalReceipt":{"storeId":"12","workstationId":"1","businessDay":"2026-11-19","sequenceNumber":77}}"""), "CNY");
        assertThat(storeReturn.original()).get().extracting(Receipt.OriginalPurchase::reference).isEqualTo("12-20261119-1-77");
        Receipt onlineReturn = Receipt.read("r", json("""
                {"originalPurchase":{"channel":"ONLINE","reference":"SO-1001"}}"""), "CNY");
        assertThat(onlineReturn.original()).get().extracting(Receipt.OriginalPurchase::channel).isEqualTo("ONLINE");
        assertThat(onlineReturn.original().get().storeReceipt()).isEmpty();
    }

    @Test
    void aPayloadThatDoesNotReadIsRefusedUpFront() {
        assertThatThrownBy(() -> Receipt.check(json("{\"lines\":[{\"sku\":\"A\",\"amount\":\"twelve\"}]}")))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Receipt.check(json("""
                {"originalReceipt":{"storeId":"1","workstationId":"1","businessDay":"yesterday","sequenceNumber":1}}""")))
                .hasMessageContaining("businessDay");
    }

    @Test
    void aMemberIdentityIsDescribedByItsLastFourCharactersOnly() {
        assertThat(new Receipt.MemberRef(null, null, "+8613912345678", null).describe()).isEqualTo("phone ****5678");
        assertThat(new Receipt.MemberRef(null, "0000000000000040000066677", null, null).describe()).isEqualTo("card ****6677");
        assertThat(new Receipt.MemberRef(null, null, null, "M1").describe()).isEqualTo("member code ****");
        assertThat(new Receipt.MemberRef("01a2-id", null, "+8613912345678", null).describe()).isEqualTo("member 01a2-id");
    }

    @Test
    void aReceiptWithMoreLinesThanAnyBasketIsRefused() {
        tools.jackson.databind.node.ObjectNode payload = JSON.createObjectNode();
        tools.jackson.databind.node.ArrayNode lines = payload.putArray("lines");
        for (int i = 0; i <= Receipt.MAX_LINES; i++) {
            lines.addObject().put("sku", "S").put("quantity", 1).put("amount", "1.00");
        }
        assertThatThrownBy(() -> Receipt.check(payload)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000");
        lines.remove(0);
        Receipt.check(payload);
    }
}
