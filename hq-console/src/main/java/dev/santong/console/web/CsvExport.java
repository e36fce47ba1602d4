package dev.santong.console.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.santong.console.web.Services.Service;
import tools.jackson.databind.JsonNode;

/**
 * A list as a CSV file that Excel opens as it is: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * the system's code page), Excel's quoting, headers in the page's language. Streamed a page of the service's list at
 * a time, so a long list is never held in memory; a text that would start a formula in a spreadsheet is kept text.
 */
@Component
public class CsvExport {

    /** A column: its header (a message key), where its value is in each item (a JSON pointer), and how it reads as text. */
    public record Column(String header, String pointer, Function<JsonNode, String> format) {

        public Column(String header, String pointer) {
            this(header, pointer, CsvExport::cell);
        }
    }

    /** More than any list the console shows; an export stops there and says so. */
    static final int MAX_PAGES = 2_000;

    private final Services services;
    private final MessageSource messages;

    CsvExport(Services services, MessageSource messages) {
        this.services = services;
        this.messages = messages;
    }

    /**
     * @param pageAt the service path of the page after a cursor (null: the first page); the first page is read before
     *               anything is written, so a list that cannot be read is the same failure a page shows
     */
    public void write(HttpServletResponse response, String fileName, List<Column> columns, Service service, Function<String, String> pageAt)
            throws IOException {
        write(response, fileName, columns, service, pageAt, "/items");
    }

    /** @param itemsAt where each answer holds its rows (a JSON pointer), for answers that are not a list's page */
    public void write(HttpServletResponse response, String fileName, List<Column> columns, Service service, Function<String, String> pageAt,
            String itemsAt) throws IOException {
        JsonNode page = services.get(service, pageAt.apply(null));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName + ".csv", StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
            List<String> headers = new ArrayList<>();
            columns.forEach(column -> headers.add(message(column.header())));
            csv.printRecord(headers);
            for (int pages = 1; ; pages++) {
                for (JsonNode item : page.isArray() ? page : page.at(itemsAt)) {
                    List<String> row = new ArrayList<>(columns.size());
                    columns.forEach(column -> row.add(safe(column.format().apply(item.at(column.pointer())))));
                    csv.printRecord(row);
                }
                csv.flush();
                String next = page.path("next").asString(null);
                if (next == null || next.isEmpty()) {
                    return;
                }
                if (pages >= MAX_PAGES) {
                    csv.printRecord(message("export.truncated"));
                    return;
                }
                try {
                    page = services.get(service, pageAt.apply(next));
                } catch (ServiceFailure failure) {
                    // The file is on its way: its last line says it stopped short, rather than ending as if complete.
                    csv.printRecord(message("export.incomplete"));
                    return;
                }
            }
        }
    }

    private String message(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    public static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(cell(part)));
            return String.join("; ", parts);
        }
        if (value.isObject()) {
            return value.has("amount") ? value.path("amount").asString() + " " + value.path("currency").asString("") : value.toString();
        }
        return value.asString();
    }

    /** A cell a spreadsheet would run as a formula (=, +, @, a tab, or - not starting a number) is kept as text. */
    static String safe(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
                || first == '-' && !(text.length() > 1 && Character.isDigit(text.charAt(1)));
        return formula ? "'" + text : text;
    }
}
