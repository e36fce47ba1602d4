package dev.santong.member.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** HQ finds members by name, the last digits of a phone, store, tier and segment, a page at a time. */
@StackTest
class MemberDirectoryIT {

    @Autowired
    Api api;

    private String enrol(Api till, String store, String phone, String name) {
        Api.Response enrolled = till.post("/api/members", Map.of("channel", "STORE", "storeId", store, "phone", phone, "displayName", name));
        assertThat(enrolled.status()).as(enrolled.toString()).isIn(200, 201);
        return enrolled.json().path("member").path("id").asString(enrolled.json().path("id").asString());
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().path("items").forEach(item -> names.add(item.path("displayName").asString()));
        return names;
    }

    @Test
    void hqFindsMembersByNamePhoneDigitsStoreAndSegmentNewestFirst(Tokens tokens) {
        enrol(api.as(tokens.pos("9")), "9", "13900001111", "Directory Ann");
        enrol(api.as(tokens.pos("9")), "9", "13900002222", "Directory Bo");
        enrol(api.as(tokens.pos("12")), "12", "13900003333", "Directory Cai");
        enrol(api.as(tokens.pos("12")), "12", "13900004444", "Other Dan");
        Api hq = api.as(tokens.hqAnalyst());

        assertThat(names(hq.get("/api/members?name=directory"))).containsExactly("Directory Cai", "Directory Bo", "Directory Ann");
        assertThat(names(hq.get("/api/members?phoneSuffix=2222"))).containsExactly("Directory Bo");
        assertThat(names(hq.get("/api/members?store=12"))).containsExactly("Other Dan", "Directory Cai");
        assertThat(names(hq.get("/api/members?store=12&name=cai"))).containsExactly("Directory Cai");
        JsonNode bo = hq.get("/api/members?phoneSuffix=2222").json().path("items").get(0);
        assertThat(bo.path("phone").asString()).as("masked").isEqualTo("139****2222");
        assertThat(hq.get("/api/members?phoneSuffix=2222").body()).doesNotContain("13900002222");

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = hq.get("/api/members?name=directory&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> walked.add(item.path("displayName").asString()));
            cursor = page.has("next") ? page.path("next").asString() : null;
        } while (cursor != null);
        assertThat(walked).containsExactly("Directory Cai", "Directory Bo", "Directory Ann");

        Api admin = api.as(tokens.hqAdmin());
        Api.Response segment = admin.post("/api/members/segments", Map.of("name", "directory-store-members", "rule",
                Map.of("enrolledChannelsAny", List.of("STORE"))));
        long segmentId = segment.json().path("id").asLong();
        assertThat(names(hq.get("/api/members?name=directory&segment=" + segmentId))).hasSize(3);
        assertThat(names(hq.get("/api/members?name=directory&tier=PLATINUM"))).as("no member holds a tier nobody defined").isEmpty();
        assertThat(hq.get("/api/members?segment=999999").status()).isEqualTo(404);
    }

    @Test
    void onlyHqSearchesAndEveryParameterIsBounded(Tokens tokens) {
        assertThat(api.as(tokens.pos("9")).get("/api/members?name=a").status()).isEqualTo(403);
        assertThat(api.as(tokens.storeStaff("9")).get("/api/members?name=a").status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("alice")).get("/api/members?name=a").status()).isEqualTo(403);
        assertThat(api.get("/api/members?name=a").status()).isEqualTo(401);
        Api hq = api.as(tokens.hqAdmin());
        for (String[] refused : new String[][] { { "phoneSuffix=12", "phoneSuffix" }, { "phoneSuffix=12a4", "phoneSuffix" },
                { "limit=101", "limit" }, { "segment=0", "segment" }, { "tier=gold", "tier" }, { "name=" + "x".repeat(101), "name" },
                { "cursor=xyz", "cursor" }, { "store=a%20b", "store" } }) {
            Api.Response response = hq.get("/api/members?" + refused[0]);
            assertThat(response.status()).as(refused[0] + ": " + response).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(refused[1]);
        }
    }
}
