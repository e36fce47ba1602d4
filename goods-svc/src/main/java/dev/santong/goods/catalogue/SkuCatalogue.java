package dev.santong.goods.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.goods.feed.ChangeFeed;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/** Creating SKUs (idempotent by code) and finding them the way a till scans: by SKU code, GTIN or store code. */
@Component
public class SkuCatalogue {

    public record Created(SkuView sku, boolean isNew) {
    }

    static final String GTIN = "GTIN";
    static final String STORE_CODE = "STORE_CODE";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;

    private final ChangeFeed feed;

    SkuCatalogue(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, tools.jackson.databind.json.JsonMapper json, ChangeFeed feed) {
        this.json = json;
        this.feed = feed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Same code and same content again (a retried request) returns the stored SKU; other content is a conflict. */
    public Created create(CreateSkuRequest request) {
        List<SkuView.Barcode> barcodes = barcodes(request);
        // A concurrent create of the same code may win: the second attempt compares with what it stored.
        return ConcurrentWriteRetry.inTransaction(transactions, 2, status -> createOnce(request, barcodes));
    }

    private Created createOnce(CreateSkuRequest request, List<SkuView.Barcode> barcodes) {
        IdempotentWrite.Outcome<SkuView> outcome = IdempotentWrite.once(
                find(request.code()).map(stored -> new IdempotentWrite.Earlier<>(Fingerprint.of(Content.of(stored)), stored)),
                Fingerprint.of(Content.of(request, barcodes)),
                () -> new ConflictException("sku-exists", "SKU " + request.code() + " exists with other content"),
                () -> insertFirst(request, barcodes));
        return new Created(outcome.result(), !outcome.replayed());
    }

    /** What makes a create request the same SKU as the stored one: everything but the time it was created. */
    private record Content(String name, String spuCode, int warrantyMonths, String category, Map<String, String> attributes,
            List<SkuView.Barcode> barcodes) {

        private static final Comparator<SkuView.Barcode> ORDER = Comparator.comparing(SkuView.Barcode::kind).thenComparing(SkuView.Barcode::code);

        static Content of(SkuView stored) {
            return new Content(stored.name(), stored.spuCode(), stored.warrantyMonths(), stored.category(), stored.attributes(),
                    stored.barcodes().stream().sorted(ORDER).toList());
        }

        static Content of(CreateSkuRequest request, List<SkuView.Barcode> barcodes) {
            return new Content(request.name().strip(), request.spuCode(), request.warrantyMonths(), request.category(),
                    request.attributes() == null ? Map.of() : request.attributes(), barcodes.stream().sorted(ORDER).toList());
        }
    }

    private SkuView insertFirst(CreateSkuRequest request, List<SkuView.Barcode> barcodes) {
        for (SkuView.Barcode barcode : barcodes) {
            jdbc.sql("SELECT sku_code FROM sku_barcode WHERE kind = :kind AND code = :code")
                    .param("kind", barcode.kind()).param("code", barcode.code()).query(String.class).optional()
                    .ifPresent(owner -> {
                        throw new ConflictException("barcode-taken", "Barcode " + barcode.asPrinted() + " already identifies SKU " + owner);
                    });
        }
        jdbc.sql("""
                INSERT INTO sku (code, spu_code, name, warranty_months, status, created_at, category, attributes_json)
                VALUES (:code, :spu, :name, :warranty, 'ACTIVE', :at, :category, :attributes)""")
                .param("code", request.code()).param("spu", request.spuCode()).param("name", request.name().strip())
                .param("category", request.category())
                .param("attributes", request.attributes() == null ? null : json.writeValueAsString(new java.util.TreeMap<>(request.attributes())))
                .param("warranty", request.warrantyMonths()).param("at", SqlTime.of(clock.instant()))
                .update();
        for (SkuView.Barcode barcode : barcodes) {
            jdbc.sql("INSERT INTO sku_barcode (kind, code, sku_code, as_printed) VALUES (:kind, :code, :sku, :printed)")
                    .param("kind", barcode.kind()).param("code", barcode.code()).param("sku", request.code())
                    .param("printed", barcode.asPrinted())
                    .update();
        }
        SkuView created = find(request.code()).orElseThrow();
        // Tills scan offline: a new SKU and its barcodes reach them through the change feed.
        feed.append(ChangeFeed.Kind.CATALOGUE, created.code(), null, java.util.Map.of("sku", created));
        return created;
    }

    /** For modules that keep facts per SKU (prices, stock): refuses a code the catalogue does not know. */
    public void requireExists(String code) {
        if (jdbc.sql("SELECT COUNT(*) FROM sku WHERE code = :s").param("s", code).query(Long.class).single() == 0) {
            throw new ResourceNotFoundException("SKU", code);
        }
    }

    /** {@link #requireExists} for many codes in one query. */
    public void requireAllExist(java.util.Collection<String> codes) {
        java.util.Set<String> known = new java.util.HashSet<>(jdbc.sql("SELECT code FROM sku WHERE code IN (:codes)").param("codes", codes)
                .query(String.class).list());
        codes.stream().filter(code -> !known.contains(code)).findFirst().ifPresent(code -> {
            throw new ResourceNotFoundException("SKU", code);
        });
    }

    public SkuView byCode(String code) {
        return find(code).orElseThrow(() -> new ResourceNotFoundException("SKU", code));
    }

    /** A scanned barcode: a valid GTIN in any of its lengths, otherwise a store-internal code. */
    public SkuView byBarcode(String scanned) {
        return skuOfBarcode(scanned).flatMap(this::find).orElseThrow(() -> new ResourceNotFoundException("SKU with barcode", scanned));
    }

    /** The code of the SKU a scanned barcode stands for: a valid GTIN in any of its lengths, otherwise a store-internal code. */
    public Optional<String> skuOfBarcode(String scanned) {
        Optional<Gtin> gtin = Gtin.parse(scanned);
        String kind = gtin.isPresent() ? GTIN : STORE_CODE;
        String code = gtin.map(Gtin::gtin14).orElse(scanned.strip());
        return jdbc.sql("SELECT sku_code FROM sku_barcode WHERE kind = :kind AND code = :code")
                .param("kind", kind).param("code", code).query(String.class).optional();
    }

    private Optional<SkuView> find(String code) {
        List<SkuView.Barcode> barcodes = jdbc.sql("SELECT kind, code, as_printed FROM sku_barcode WHERE sku_code = :code ORDER BY kind, code")
                .param("code", code)
                .query((rs, n) -> new SkuView.Barcode(rs.getString("kind"), rs.getString("code"), rs.getString("as_printed")))
                .list();
        return jdbc.sql("SELECT code, spu_code, name, warranty_months, status, created_at, category, attributes_json FROM sku WHERE code = :code")
                .param("code", code)
                .query((rs, n) -> new SkuView(rs.getString("code"), rs.getString("spu_code"), rs.getString("name"),
                        rs.getInt("warranty_months"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(), barcodes,
                        rs.getString("category"), attributes(rs.getString("attributes_json"))))
                .optional();
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, String> attributes(String stored) {
        return stored == null ? java.util.Map.of() : json.readValue(stored, java.util.TreeMap.class);
    }

    private static List<SkuView.Barcode> barcodes(CreateSkuRequest request) {
        List<SkuView.Barcode> barcodes = new ArrayList<>();
        List<InvalidField> errors = new ArrayList<>();
        List<String> gtins = request.gtinsOrEmpty();
        for (int i = 0; i < gtins.size(); i++) {
            String printed = gtins.get(i).strip();
            Optional<Gtin> gtin = Gtin.parse(printed);
            if (gtin.isEmpty()) {
                errors.add(new InvalidField("gtins[" + i + "]", "is not a valid GTIN-8/12/13/14 (length or check digit)"));
            } else {
                barcodes.add(new SkuView.Barcode(GTIN, gtin.get().gtin14(), printed));
            }
        }
        request.storeCodesOrEmpty().forEach(code -> barcodes.add(new SkuView.Barcode(STORE_CODE, code.strip(), code.strip())));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (barcodes.stream().map(b -> b.kind() + b.code()).distinct().count() != barcodes.size()) {
            throw new InvalidRequestException("gtins", "lists the same barcode twice");
        }
        return barcodes;
    }
}
