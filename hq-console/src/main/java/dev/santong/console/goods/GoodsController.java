package dev.santong.console.goods;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.security.ConsoleUser;
import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.ServiceFailure;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;
import tools.jackson.databind.JsonNode;

/**
 * Goods: SKU search; a SKU's stock per location (on hand, reserved, safety stock, returned pending inspection,
 * damaged, what may be sold) with the holds open on it and hot mode for HQ admin; the prices in force per channel;
 * and the levels sales took below zero, to investigate. A store's staff see their own location's detail.
 */
@Controller
@RequestMapping("/goods")
class GoodsController {

    private static final String SKU = "[A-Za-z0-9._-]{1,64}";
    private static final String LOCATION = "[A-Za-z0-9_-]{1,32}";
    /** The stores whose own price a SKU page shows, at most. */
    private static final int STORE_PRICES = 20;

    private final Services services;
    private final CsvExport csv;

    GoodsController(Services services, CsvExport csv) {
        this.services = services;
        this.csv = csv;
    }

    /** The SKU search: the frame; results load from {@code /results}. */
    @GetMapping
    String search(Authentication authentication) {
        Access.requireConsoleUser(authentication);
        return "goods/search";
    }

    /** SKUs by part of their code or name, or category, in code order; with a cursor, the next rows only. */
    @GetMapping("/results")
    String results(@RequestParam(required = false) @Size(max = 100) String q, @RequestParam(required = false) @Size(max = 40) String category,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("page", services.get(Service.GOODS, skusPath(q, category, cursor, 25)));
        model.addAttribute("query", Services.query("q", blankToNull(q), "category", blankToNull(category)));
        return cursor == null ? "goods/parts :: results" : "goods/parts :: result-rows";
    }

    @GetMapping("/results/export.csv")
    void exportResults(@RequestParam(required = false) @Size(max = 100) String q, @RequestParam(required = false) @Size(max = 40) String category,
            Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireConsoleUser(authentication);
        csv.write(response, "skus", List.of(new Column("sku.code", "/code"), new Column("sku.name", "/name"), new Column("reason.category", "/category"),
                new Column("sku.product", "/productName"), new Column("status", "/status")), Service.GOODS,
                cursor -> skusPath(q, category, cursor, 200));
    }

    /** Levels below zero, the most negative first: every location's for HQ, a store's own for its staff. */
    @GetMapping("/negative")
    String negative(Authentication authentication) {
        Access.requireConsoleUser(authentication);
        return "goods/negative";
    }

    @GetMapping("/negative/rows")
    String negativeRows(@RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("page", services.get(Service.GOODS, Services.path("/api/goods/stock/negative", Services.query("limit", 50, "cursor", cursor))));
        return cursor == null ? "goods/parts :: negative" : "goods/parts :: negative-rows";
    }

    @GetMapping("/negative/export.csv")
    void exportNegative(Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireConsoleUser(authentication);
        csv.write(response, "negative-levels", List.of(new Column("sku.code", "/sku"), new Column("stock.location", "/location"),
                new Column("stock.onHand", "/onHand"), new Column("stock.reserved", "/reserved"), new Column("stock.lastCountAt", "/lastCountAt")),
                Service.GOODS, cursor -> Services.path("/api/goods/stock/negative", Services.query("limit", 1000, "cursor", cursor)));
    }

    /** A SKU's page: the frame; what it is, its stock and its prices load on their own. */
    @GetMapping("/{sku}")
    String sku(@PathVariable @Pattern(regexp = SKU) String sku, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("code", sku);
        return "goods/sku";
    }

    /** What the SKU is: its name, product, category, status and barcodes. */
    @GetMapping("/{sku}/facts")
    String facts(@PathVariable @Pattern(regexp = SKU) String sku, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("sku", services.get(Service.GOODS, Services.path("/api/goods/skus/{sku}", Map.of(), sku)));
        return "goods/parts :: facts";
    }

    /** The SKU's stock at each location, with hot mode for HQ admin. */
    @GetMapping("/{sku}/stock")
    String stock(@PathVariable @Pattern(regexp = SKU) String sku, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        // Staff see other locations' levels too (to send a shopper where the goods are); holds only at their own.
        model.addAttribute("code", sku);
        model.addAttribute("levels", services.get(Service.GOODS, Services.path("/api/goods/stock/{sku}", Map.of(), sku)).path("items"));
        return "goods/parts :: stock";
    }

    /** The holds still open on the SKU at a location. */
    @GetMapping("/{sku}/holds")
    String holds(@PathVariable @Pattern(regexp = SKU) String sku, @RequestParam @Pattern(regexp = LOCATION) String location,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        Access.requireMaySee(location, authentication);
        model.addAttribute("page", services.get(Service.GOODS,
                Services.path("/api/goods/stock/{sku}/{location}/holds", Services.query("limit", 50, "cursor", cursor), sku, location)));
        model.addAttribute("code", sku);
        model.addAttribute("location", location);
        return cursor == null ? "goods/parts :: holds" : "goods/parts :: hold-rows";
    }

    /** Splits the level into buckets so concurrent holds do not queue on one row (HQ admin); the stock part then shows it. */
    @PostMapping("/{sku}/hot-mode")
    String hotMode(@PathVariable @Pattern(regexp = SKU) String sku, @RequestParam @Pattern(regexp = LOCATION) String location,
            @RequestParam(defaultValue = "false") boolean on, @RequestParam(defaultValue = "8") @Min(2) @Max(64) int buckets,
            Authentication authentication, Model model) {
        Access.requireHq(authentication);
        String path = Services.path("/api/goods/stock/{sku}/{location}/hot-mode", Map.of(), sku, location);
        if (on) {
            services.put(Service.GOODS, path, Map.of("buckets", buckets));
        } else {
            services.delete(Service.GOODS, path);
        }
        return stock(sku, authentication, model);
    }

    /** The price in force for the online shop, for stores in general, and for each store with its own. */
    @GetMapping("/{sku}/prices")
    String prices(@PathVariable @Pattern(regexp = SKU) String sku, Authentication authentication, Model model) {
        ConsoleUser user = Access.requireConsoleUser(authentication);
        List<String> channels = new ArrayList<>(List.of("ONLINE", "STORE"));
        if (user.isHq()) {
            services.get(Service.GOODS, "/api/goods/locations").path("items").forEach(location -> {
                if ("STORE".equals(location.path("kind").asString()) && channels.size() < STORE_PRICES + 2) {
                    channels.add("STORE:" + location.path("code").asString());
                }
            });
        } else {
            channels.add("STORE:" + user.storeId());
        }
        Map<String, JsonNode> inForce = new LinkedHashMap<>();
        for (String channel : channels) {
            try {
                inForce.put(channel, services.get(Service.GOODS, Services.path("/api/goods/skus/{sku}/price", Map.of("channel", channel), sku)));
            } catch (ServiceFailure failure) {
                if (failure.status() != 404) {
                    throw failure;
                }
                inForce.put(channel, null);
            }
        }
        model.addAttribute("inForce", inForce);
        if (user.isHq()) {
            model.addAttribute("all", services.get(Service.GOODS, Services.path("/api/goods/skus/{sku}/prices", Map.of(), sku)).path("items"));
        }
        return "goods/parts :: prices";
    }

    private static String skusPath(String q, String category, String cursor, int limit) {
        return Services.path("/api/goods/skus", Services.query("q", blankToNull(q), "category", blankToNull(category), "limit", limit, "cursor", cursor));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

}
