package dev.santong.channelsync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import dev.santong.platform.kit.problem.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two real POSLog files of an NCR ACS store (see src/test/resources/poslog/README.md), read as they are. */
class PosLogParserTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final PosLogParser parser = new PosLogParser(JsonMapper.builder().build());

    static String fixture(String name) {
        try (InputStream in = PosLogParserTest.class.getResourceAsStream("/poslog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(List<PosTransaction> transactions, TransactionType type) {
        return transactions.stream().filter(t -> t.type() == type).count();
    }

    private static long sum(List<PosTransaction> transactions, java.util.function.Function<JsonNode, Long> perPayload) {
        return transactions.stream().map(PosTransaction::payload).filter(java.util.Objects::nonNull).mapToLong(perPayload::apply).sum();
    }

    @Test
    void theSmallFileIsASignOnAndOneSaleWithALoyaltyMember() {
        PosLogParser.Parsed parsed = parser.parse(fixture("SMALL.xml"), NEW_YORK);
        assertThat(parsed.storeId()).isEqualTo("9");
        assertThat(parsed.transactions()).hasSize(2);
        assertThat(count(parsed.transactions(), TransactionType.CONTROL)).isEqualTo(1);
        PosTransaction sale = parsed.transactions().get(1);
        assertThat(sale.type()).isEqualTo(TransactionType.SALE);
        assertThat(sale.workstationId()).isEqualTo("34");
        assertThat(sale.sequenceNumber()).isEqualTo(161);
        assertThat(sale.businessTime()).as("02:02:54 in New York").isEqualTo(Instant.parse("2017-10-01T06:02:54Z"));
        assertThat(sale.payload().path("lines")).hasSize(1);
        assertThat(sale.payload().path("lines").get(0).path("gtin").asString()).isEqualTo("00000000067591");
        assertThat(sale.payload().path("lines").get(0).path("quantity").decimalValue()).isEqualByComparingTo("0.42");
        assertThat(sale.payload().path("totals").path("TransactionGrandAmount").decimalValue()).isEqualByComparingTo("1.07");
        assertThat(sale.payload().path("tenders").get(0).path("amount").decimalValue()).isEqualByComparingTo("1.07");
        assertThat(sale.payload().path("loyaltyMemberships").get(0).path("loyaltyId").asString()).isEqualTo("0000000000000040000066677");
        assertThat(sale.payload().path("gtins")).hasSize(3);
    }

    @Test
    void theFullDayImportsCompletelyWithTheDocumentsCountsAndTotals() {
        List<PosTransaction> transactions = parser.parse(fixture("POSLog.xml"), NEW_YORK).transactions();
        assertThat(transactions).hasSize(51);
        assertThat(count(transactions, TransactionType.SALE) + count(transactions, TransactionType.RETURN)
                + count(transactions, TransactionType.VOID)).isEqualTo(42);
        assertThat(count(transactions, TransactionType.CONTROL)).isEqualTo(9);
        assertThat(sum(transactions, p -> (long) p.path("lines").size())).as("sale lines").isEqualTo(552);
        assertThat(sum(transactions, p -> (long) p.path("gtins").size())).as("GTIN identities").isEqualTo(821);
        // The document holds 4 acs:LoyaltyMembership elements (its README's "8" counts opening and closing tags).
        assertThat(sum(transactions, p -> (long) p.path("loyaltyMemberships").size())).isEqualTo(4);
        long voided = transactions.stream().flatMap(t -> t.payload().path("lines").valueStream())
                .filter(line -> line.path("voided").asBoolean()).count();
        assertThat(voided).isEqualTo(4);
        BigDecimal grand = transactions.stream().map(t -> t.payload().path("totals").path("TransactionGrandAmount"))
                .filter(JsonNode::isNumber).map(JsonNode::decimalValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(grand).isEqualByComparingTo("2643.72");
        assertThat(transactions.stream().map(t -> t.workstationId() + "/" + t.sequenceNumber() + "/" + t.businessDay()).distinct().count())
                .as("natural keys").isEqualTo(51);
    }

    @Test
    void entitiesAndDoctypesAreRefusedAndOtherDocumentsNamed() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE POSLog [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><POSLog>&x;</POSLog>";
        assertThatThrownBy(() -> parser.parse(xxe, NEW_YORK)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> parser.parse("<Invoice/>", NEW_YORK)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("POSLog");
        assertThatThrownBy(() -> parser.parse("<POSLog><Transaction><RetailStoreID>9</RetailStoreID></Transaction></POSLog>", NEW_YORK))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("WorkstationID");
    }

    /** Documents as other ARTS tills write them (src/test/resources/poslog/varied), beyond the two NCR fixtures. */
    @Test
    void cancelledAndTrainingTransactionsAreVoidsACustomerIdIsTheMemberAndAReturnKeepsItsLink() {
        List<PosTransaction> transactions = parser.parse(fixture("varied/cancelled-training-customer-return.xml"), ZoneId.of("Asia/Shanghai"))
                .transactions();
        assertThat(transactions).extracting(PosTransaction::type).containsExactly(TransactionType.VOID, TransactionType.VOID,
                TransactionType.SALE, TransactionType.RETURN, TransactionType.VOID);
        assertThat(transactions.get(1).payload().path("training").asBoolean()).isTrue();
        assertThat(transactions.get(2).payload().path("member").path("memberCode").asString()).isEqualTo("M-000123");
        assertThat(transactions.get(2).payload().toString()).as("a customer's name is not the sale's business").doesNotContain("not read");
        JsonNode original = transactions.get(3).payload().path("originalReceipt");
        assertThat(original.path("storeId").asString()).isEqualTo("9");
        assertThat(original.path("workstationId").asString()).isEqualTo("2");
        assertThat(original.path("businessDay").asString()).isEqualTo("2026-11-23");
        assertThat(original.path("sequenceNumber").asLong()).isEqualTo(503);
        dev.santong.channelsync.receipt.Receipt receipt = dev.santong.channelsync.receipt.Receipt.read("r", transactions.get(3).payload(), "CNY");
        assertThat(receipt.original().orElseThrow().reference()).isEqualTo("9-20261123-2-503");
    }
}
