package dev.santong.channelsync.upload;

import java.net.URI;

import java.time.ZoneId;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Store uploads", description = "What a store's tills send: transactions applied exactly once, also after days offline")
@RequestMapping("/api/sync/stores/{storeId}/batches")
class BatchController {

    private final BatchUpload upload;
    private final ZoneId defaultZone;

    /** One sale from a real POS's log (the fixtures' SMALL.xml), shortened to what Santong reads. */
    static final String POSLOG_EXAMPLE = """
            <POSLog xmlns="http://www.nrf-arts.org/IXRetail/namespace/">
              <Transaction>
                <RetailStoreID>9</RetailStoreID><WorkstationID>34</WorkstationID><SequenceNumber>161</SequenceNumber>
                <BusinessDayDate>2026-11-20</BusinessDayDate><EndDateTime>2026-11-20T10:02:54</EndDateTime>
                <CurrencyCode>CNY</CurrencyCode>
                <RetailTransaction Version="2.1">
                  <LineItem><SequenceNumber>1</SequenceNumber>
                    <Sale ItemType="Stock"><POSIdentity POSIDType="GTIN"><POSItemID>4006381333931</POSItemID></POSIdentity>
                      <ExtendedAmount>199.00</ExtendedAmount><Quantity>1</Quantity></Sale></LineItem>
                  <LineItem><SequenceNumber>2</SequenceNumber>
                    <Tender TenderType="CreditDebit"><Amount>199.00</Amount></Tender></LineItem>
                </RetailTransaction>
              </Transaction>
            </POSLog>""";

    BatchController(BatchUpload upload, @Value("${santong.sync.default-store-zone:Asia/Shanghai}") String defaultZone) {
        this.upload = upload;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    /**
     * 202 once the batch is stored; the Location says where to follow it. The body is read as text so that the batch
     * is kept exactly as the store sent it.
     */
    @Answers.Accepted
    @Operation(operationId = "uploadStoreBatch",
            summary = "Upload a batch of a store's transactions (JSON, or ARTS POSLog XML); stored at once, applied exactly once")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchView> upload(@PathVariable String storeId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = """
                    JSON (the transactions below), or an ARTS/IXRetail POSLog document (any version that names \
                    Transaction, RetailStoreID, WorkstationID, SequenceNumber, BusinessDayDate and EndDateTime): \
                    RetailTransaction becomes SALE or RETURN with its LineItems (Sale, Return, voided lines kept) and \
                    Tenders, ControlTransaction CONTROL, a cancelled one VOID.""",
                    content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = UploadBatchRequest.class)),
                            @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", format = "xml"),
                                    examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "POSLog", value = POSLOG_EXAMPLE)) })
            @RequestBody String body, Authentication authentication) {
        BatchUpload.Received received = upload.receive(storeId, body, CallerIdentity.of(authentication));
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/stores/" + storeId + "/batches/" + received.batch().id()))
                .header("Idempotent-Replayed", Boolean.toString(received.replayed()))
                .body(received.batch());
    }

    /**
     * The same upload as ARTS/IXRetail POSLog XML. POSLog times carry no offset: {@code zone} is the store's time zone
     * (default from configuration). {@code Batch-Id} names the upload; without it the document's hash does.
     */
    // Both handlers carry the same operation and body documentation: the document merges them into one operation and
    // keeps one handler's annotations, whichever it reads first.
    @Answers.Accepted
    @Operation(operationId = "uploadStoreBatch",
            summary = "Upload a batch of a store's transactions (JSON, or ARTS POSLog XML); stored at once, applied exactly once")
    @PostMapping(consumes = { MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE })
    ResponseEntity<BatchView> uploadPosLog(@PathVariable String storeId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = """
                    JSON (the transactions below), or an ARTS/IXRetail POSLog document (any version that names \
                    Transaction, RetailStoreID, WorkstationID, SequenceNumber, BusinessDayDate and EndDateTime): \
                    RetailTransaction becomes SALE or RETURN with its LineItems (Sale, Return, voided lines kept) and \
                    Tenders, ControlTransaction CONTROL, a cancelled one VOID.""",
                    content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = UploadBatchRequest.class)),
                            @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", format = "xml"),
                                    examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "POSLog", value = POSLOG_EXAMPLE)) })
            @RequestBody String body,
            @RequestParam(required = false) String zone, @RequestHeader(name = "Batch-Id", required = false) String batchId,
            @RequestHeader(name = "Pos-Installation-Id", required = false) @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String installation,
            Authentication authentication) {
        ZoneId storeZone;
        try {
            storeZone = zone == null ? defaultZone : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new InvalidRequestException("zone", "is not a time zone id such as Asia/Shanghai");
        }
        BatchUpload.Received received = upload.receivePosLog(storeId, body, batchId, installation, storeZone, CallerIdentity.of(authentication));
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/stores/" + storeId + "/batches/" + received.batch().id()))
                .header("Idempotent-Replayed", Boolean.toString(received.replayed()))
                .body(received.batch());
    }

    @Operation(operationId = "getStoreBatch",
            summary = "An uploaded batch and how far each of its transactions got (the store's own, or HQ)")
    @GetMapping("/{batchId}")
    BatchView read(@PathVariable String storeId, @PathVariable String batchId, Authentication authentication) {
        return upload.read(storeId, batchId, CallerIdentity.of(authentication));
    }
}
