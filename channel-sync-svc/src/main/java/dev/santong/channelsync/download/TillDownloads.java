package dev.santong.channelsync.download;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.channelsync.goods.GoodsClient;
import dev.santong.channelsync.membership.MemberClient;
import dev.santong.channelsync.upload.StoreContacts;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.DependencyUnavailableException;
import dev.santong.platform.kit.security.CallerIdentity;
import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * One call for a till catching up: catalogue, price and its store's stock changes from goods-svc, and the store's
 * member cache (keyed lookup keys, masked display data, tier, balance, valid vouchers) from member-svc, since its
 * cursor, with the store's current matching key. When {@code membersResync} is true the key has rotated: the till
 * drops its member cache and keys and takes what follows instead. The cursor is opaque; a till keeps calling while {@code more} is true and stores the cursor only after it
 * has stored the page, so a crash mid-way repeats a page rather than losing one.
 */
@RestController
@Tag(name = "Till downloads", description = "What a till caches to sell and look up members offline")
@RequestMapping("/api/sync")
class TillDownloads {

    /**
     * @param memberKey     the key the member entries' lookup keys are made with (id, algorithm, secret, validUntil)
     * @param membersResync the member cache starts again under a new key
     */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"cursor": "MnwyOTcwOjE3OTY1MzUwMTAzNDgxOTV-MDFhMjQ5ZDQ", "goods": [{"id": 1, "kind": "CATALOGUE", "sku": "OX-BLU-M", "location": null, \
            "payload": {"sku": {"code": "OX-BLU-M", "spuCode": "SHIRT-OXFORD", "name": "Oxford shirt, blue, M", "warrantyMonths": 12, \
            "status": "ACTIVE", "barcodes": [{"kind": "GTIN", "code": "04006381333931", "asPrinted": "4006381333931"}]}}, \
            "at": "2026-11-20T05:09:18Z"}], "members": [{"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "status": "ACTIVE", \
            "mergedInto": null, "lookupKeys": ["6b4e6e078f36d2e072ba83af3ed133d178fa2118eddc20399b886d9dba6934b0"], \
            "maskedPhone": "137****0001", "nameInitial": "A*", "facts": {"pointsBalance": 2388, "tier": "SILVER"}, "vouchers": []}], \
            "more": true, "memberKey": {"id": "9:2970", "algorithm": "HMAC-SHA256", \
            "secret": "f83b6e5060df9bbb24ed55e1b29a0e2a6b4336e804e0b652705e3a80f401ab7d", "validUntil": "2026-12-10T00:00:00Z"}, \
            "membersResync": false}""")
    record Download(String cursor, List<JsonNode> goods, List<JsonNode> members, boolean more, JsonNode memberKey, boolean membersResync) {
    }

    private record Cursor(long goods, String members) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((goods + "|" + (members == null ? "" : members))
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return new Cursor(0, null);
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                String members = text.substring(bar + 1);
                return new Cursor(Long.parseLong(text.substring(0, bar)), members.isEmpty() ? null : members);
            } catch (RuntimeException e) {
                throw new InvalidRequestException("cursor", "is not a cursor this API gave out; start again without one");
            }
        }
    }

    private final GoodsClient goods;
    private final MemberClient members;
    private final StoreContacts contacts;

    TillDownloads(GoodsClient goods, MemberClient members, StoreContacts contacts) {
        this.goods = goods;
        this.members = members;
        this.contacts = contacts;
    }

    @Operation(operationId = "downloadTillCache",
            summary = "Catalogue, price, stock and member changes for a store's tills since a cursor, a page at a time")
    @GetMapping("/stores/{storeId}/downloads")
    Download download(@PathVariable String storeId, @RequestParam(required = false) @Size(max = 200) String cursor,
            @RequestParam(defaultValue = "500") @Min(1) @Max(2000) int limit, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(storeId) && !caller.isHq()) {
            throw new AccessDeniedException("a till downloads its own store's data only");
        }
        Cursor from = Cursor.decode(cursor);
        GoodsClient.ChangePage goodsPage;
        MemberClient.TillCachePage memberPage;
        try {
            goodsPage = goods.changes(from.goods(), limit, storeId);
            memberPage = members.tillCache(storeId, from.members(), limit);
        } catch (RuntimeException e) {
            // The till keeps working from what it has and asks again with the same cursor.
            throw new DependencyUnavailableException("catalogue or member data is unavailable right now; retry with the same cursor", e);
        }
        if (caller.storeId().filter(storeId::equals).isPresent()) {
            contacts.touch(storeId, StoreContacts.Kind.DOWNLOAD);
        }
        boolean more = goodsPage.changes().size() >= limit || memberPage.more();
        String next = new Cursor(goodsPage.next(), memberPage.cursor()).encode();
        return new Download(next, goodsPage.changes(), memberPage.members(), more, memberPage.key(), memberPage.resync());
    }
}
