package dev.santong.channelsync.upload;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import dev.santong.platform.kit.problem.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an ARTS/IXRetail POSLog into the upload model. Elements are matched by local name, so any namespace prefix
 * (or none) works and vendor extensions such as NCR's {@code acs:} elements are tolerated; the loyalty membership
 * NCR puts in {@code acs:LoyaltyMembership} is read as such. POSLog times carry no offset: they are read in the
 * store's time zone.
 * <ul>
 * <li>RetailTransaction → SALE, or RETURN when it has return lines, or VOID when cancelled ({@code CancelFlag}),
 * voided or rung in training mode;</li>
 * <li>{@code Customer/CustomerID} is the member (by member code), {@code TransactionLink} a return's original;</li>
 * <li>ControlTransaction → CONTROL (sign-on and the like; kept for sequence tracking);</li>
 * <li>each sale/return line keeps its GTINs, quantity, amounts and whether it was voided; tenders, totals and loyalty
 * memberships come along in the payload.</li>
 * </ul>
 */
final class PosLogParser {

    public record Parsed(String storeId, List<PosTransaction> transactions) {
    }

    private final JsonMapper json;

    public PosLogParser(JsonMapper json) {
        this.json = json;
    }

    public Parsed parse(String xml, ZoneId storeZone) {
        Element root = document(xml).getDocumentElement();
        if (!"POSLog".equals(root.getLocalName())) {
            throw new InvalidRequestException("body", "is not a POSLog document (root element " + root.getLocalName() + ")");
        }
        List<PosTransaction> transactions = new ArrayList<>();
        String storeId = null;
        List<Element> elements = children(root, "Transaction");
        for (int i = 0; i < elements.size(); i++) {
            Element transaction = elements.get(i);
            String field = "Transaction[" + i + "]";
            String store = required(transaction, "RetailStoreID", field);
            if (storeId == null) {
                storeId = store;
            } else if (!storeId.equals(store)) {
                throw new InvalidRequestException(field + ".RetailStoreID", "is " + store + "; one upload holds one store's transactions (" + storeId + ")");
            }
            transactions.add(transaction(transaction, field, storeZone));
        }
        if (transactions.isEmpty()) {
            throw new InvalidRequestException("body", "holds no Transaction");
        }
        return new Parsed(storeId, transactions);
    }

    private PosTransaction transaction(Element transaction, String field, ZoneId zone) {
        String workstation = required(transaction, "WorkstationID", field);
        long sequence = number(required(transaction, "SequenceNumber", field), field + ".SequenceNumber");
        LocalDate day = parse(() -> LocalDate.parse(required(transaction, "BusinessDayDate", field)), field + ".BusinessDayDate");
        LocalDateTime end = parse(() -> LocalDateTime.parse(required(transaction, "EndDateTime", field)), field + ".EndDateTime");
        ObjectNode payload = json.createObjectNode();
        payload.put("source", "POSLog");
        text(transaction, "CurrencyCode").ifPresent(currency -> payload.put("currency", currency));
        text(transaction, "OperatorID").ifPresent(operator -> payload.put("operatorId", operator));
        TransactionType type;
        Element retail = child(transaction, "RetailTransaction");
        Element control = child(transaction, "ControlTransaction");
        if (retail != null) {
            type = retail(retail, payload);
            // A cancelled or training transaction was rung up but sold nothing: kept in the sequence, never applied.
            if (flag(transaction, "CancelFlag")) {
                type = TransactionType.VOID;
            }
            if (flag(transaction, "TrainingModeFlag")) {
                payload.put("training", true);
                type = TransactionType.VOID;
            }
        } else if (control != null) {
            type = TransactionType.CONTROL;
            text(control, "ReasonCode").ifPresent(reason -> payload.put("reason", reason));
        } else {
            throw new InvalidRequestException(field, "is neither a RetailTransaction nor a ControlTransaction");
        }
        return new PosTransaction(workstation, day, sequence, type, end.atZone(zone).toInstant(), payload);
    }

    private TransactionType retail(Element retail, ObjectNode payload) {
        ArrayNode lines = payload.putArray("lines");
        ArrayNode tenders = payload.putArray("tenders");
        ArrayNode loyalty = payload.putArray("loyaltyMemberships");
        ArrayNode gtins = payload.putArray("gtins");
        boolean hasReturn = false;
        for (Element lineItem : children(retail, "LineItem")) {
            boolean voided = "true".equalsIgnoreCase(lineItem.getAttribute("VoidFlag"));
            for (Element identity : descendants(lineItem, "POSIdentity")) {
                if ("GTIN".equals(identity.getAttribute("POSIDType"))) {
                    text(identity, "POSItemID").ifPresent(gtins::add);
                }
            }
            Element sale = child(lineItem, "Sale");
            Element returned = child(lineItem, "Return");
            Element item = sale != null ? sale : returned;
            if (item != null) {
                hasReturn |= returned != null;
                ObjectNode line = lines.addObject();
                text(lineItem, "SequenceNumber").ifPresent(sequence -> line.put("sequence", sequence));
                line.put("kind", returned != null ? "RETURN" : "SALE");
                line.put("voided", voided);
                Element identity = child(item, "POSIdentity");
                if (identity != null && "GTIN".equals(identity.getAttribute("POSIDType"))) {
                    text(identity, "POSItemID").ifPresent(gtin -> line.put("gtin", gtin));
                }
                text(item, "ItemID").ifPresent(id -> line.put("itemId", id));
                text(item, "Description").ifPresent(description -> line.put("description", description));
                decimal(item, "Quantity").ifPresent(quantity -> line.put("quantity", quantity));
                decimal(item, "RegularSalesUnitPrice").ifPresent(price -> line.put("unitPrice", price));
                decimal(item, "ExtendedAmount").ifPresent(amount -> line.put("amount", amount));
                decimal(item, "ExtendedDiscountAmount").ifPresent(discount -> line.put("discount", discount));
            }
            Element tender = child(lineItem, "Tender");
            if (tender != null && !voided) {
                ObjectNode paid = tenders.addObject();
                paid.put("type", tender.getAttribute("TenderType"));
                text(tender, "TenderID").ifPresent(id -> paid.put("tenderId", id));
                decimal(tender, "Amount").ifPresent(amount -> paid.put("amount", amount));
            }
            Element membership = child(lineItem, "LoyaltyMembership");
            if (membership != null) {
                ObjectNode member = loyalty.addObject();
                text(membership, "LoyaltyID").ifPresent(id -> member.put("loyaltyId", id));
                text(membership, "MembershipID").ifPresent(id -> member.put("membershipId", id));
                text(membership, "HouseholdID").ifPresent(id -> member.put("householdId", id));
            }
        }
        // The customer the till knows the shopper as: its customer id is the member code Santong's tills use.
        Element customer = child(retail, "Customer");
        if (customer != null) {
            text(customer, "CustomerID").ifPresent(id -> payload.putObject("member").put("memberCode", id));
        }
        link(retail, payload);
        ObjectNode totals = payload.putObject("totals");
        for (Element total : children(retail, "Total")) {
            String kind = total.getAttribute("TotalType");
            String value = total.getTextContent().strip();
            if (!kind.isEmpty() && !value.isEmpty()) {
                try {
                    totals.put(kind.substring(kind.indexOf(':') + 1), new BigDecimal(value));
                } catch (NumberFormatException e) {
                    throw new InvalidRequestException("Total[" + kind + "]", "is not a number: " + value);
                }
            }
        }
        String status = retail.getAttribute("TransactionStatus");
        boolean cancelled = flag(retail, "CancelFlag") || "Voided".equalsIgnoreCase(status) || "Cancelled".equalsIgnoreCase(status);
        return cancelled ? TransactionType.VOID : hasReturn ? TransactionType.RETURN : TransactionType.SALE;
    }

    /**
     * The original transaction a return takes back: {@code TransactionLink} on the retail transaction, or on a return
     * line, naming store, till, business day and sequence number.
     */
    private static void link(Element retail, ObjectNode payload) {
        List<Element> links = descendants(retail, "TransactionLink");
        for (Element link : links) {
            String reason = link.getAttribute("ReasonCode");
            if (!reason.isEmpty() && !List.of("Return", "Refund", "Exchange").contains(reason)) {
                continue;
            }
            var store = text(link, "RetailStoreID");
            var till = text(link, "WorkstationID");
            var sequence = text(link, "SequenceNumber");
            var day = text(link, "BusinessDayDate");
            if (store.isPresent() && till.isPresent() && sequence.isPresent() && day.isPresent()) {
                ObjectNode original = payload.putObject("originalReceipt");
                original.put("storeId", store.get());
                original.put("workstationId", till.get());
                original.put("businessDay", day.get());
                original.put("sequenceNumber", number(sequence.get(), "TransactionLink.SequenceNumber"));
                return;
            }
        }
    }

    /** A POSLog flag, written as an attribute ({@code CancelFlag="true"}) or, by some tills, as a child element. */
    private static boolean flag(Element element, String name) {
        return "true".equalsIgnoreCase(element.getAttribute(name)) || text(element, name).map("true"::equalsIgnoreCase).orElse(false);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A till's upload is untrusted input: no DTDs, no external entities, no entity expansion attacks.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new InvalidRequestException("body", "is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static java.util.Optional<String> text(Element parent, String localName) {
        Element element = child(parent, localName);
        return element == null ? java.util.Optional.empty()
                : java.util.Optional.of(element.getTextContent().strip()).filter(text -> !text.isEmpty());
    }

    private static java.util.Optional<BigDecimal> decimal(Element parent, String localName) {
        return text(parent, localName).map(text -> {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException(localName, "is not a number: " + text);
            }
        });
    }

    private static String required(Element parent, String localName, String field) {
        return text(parent, localName).orElseThrow(() -> new InvalidRequestException(field + "." + localName, "is missing"));
    }

    private static long number(String text, String field) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "is not a whole number: " + text);
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, String field) {
        try {
            return parser.get();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException(field, "is not an ISO date or date-time: " + e.getParsedString());
        }
    }
}
