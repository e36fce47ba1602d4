package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** Proof on a case: recognised by its bytes, bounded in size and number, read by who may see the case, gone with an erasure. */
@StackTest
class CaseAttachmentsIT extends WithOtherServices {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    /** A claim at store 9 for an online order of the member (of anyone, without one). */
    private String openAt9(Tokens tokens, String memberId) {
        String order = shop().online("SO-PROOF-" + System.nanoTime()).line("KETTLE-1", "appliances", 1, "299.00")
                .at(java.time.Instant.now().minusSeconds(3600)).by(memberId == null ? shop().anyMember() : memberId);
        Map<String, Object> body = Map.of("type", "CLAIM", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", order), "skuCode", "KETTLE-1", "quantity", 1,
                "reason", "arrived cracked");
        Api.Response opened = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("id").asString();
    }

    @Test
    void aPhotoIsKeptWithItsChecksumAndServedAsADownloadToWhoMaySeeTheCase(Tokens tokens) {
        String id = openAt9(tokens, null);
        String path = "/api/aftersales/cases/" + id + "/attachments";
        Api.Response added = api.as(tokens.storeStaff("9")).upload(path + "?name=..%2F..%2Fetc%2Fcracked.png", "application/octet-stream", PNG);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().path("name").asString()).as("no path survives").isEqualTo("cracked.png");
        assertThat(added.json().path("contentType").asString()).as("read from the bytes").isEqualTo("image/png");
        assertThat(added.json().path("sha256").asString()).isEqualTo(DigestUtils.sha256Hex(PNG));
        assertThat(added.json().path("sizeBytes").asLong()).isEqualTo(PNG.length);

        Api.Download download = api.as(tokens.hqAnalyst()).download(path + "/" + added.json().path("id").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PNG);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("cracked.png");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.as(tokens.hqAnalyst()).get(path).json()).hasSize(1);

        assertThat(api.as(tokens.hqAnalyst()).upload(path + "?name=a.png", "image/png", PNG).status()).as("analysts read").isEqualTo(403);
        assertThat(api.as(tokens.customer("alice")).upload(path + "?name=a.png", "image/png", PNG).status()).as("not her case").isEqualTo(404);
        assertThat(api.as(tokens.storeStaff("12")).download(path + "/" + added.json().path("id").asString()).status()).isEqualTo(404);

        Api.Response script = api.as(tokens.storeStaff("9")).upload(path + "?name=photo.png", "image/png",
                "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.json().path("errors").get(0).path("field").asString()).isEqualTo("body");
        assertThat(api.as(tokens.storeStaff("9")).upload(path + "?name=%22quoted%22.png", "image/png", PNG).json().path("errors").get(0)
                .path("field").asString()).isEqualTo("name");

        byte[] large = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, large, 0, PNG.length);
        assertThat(api.as(tokens.storeStaff("9")).upload(path + "?name=huge.png", "image/png", large).status()).isEqualTo(413);
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        System.arraycopy(PNG, 0, twoMegabytes, 0, PNG.length);
        assertThat(api.as(tokens.storeStaff("9")).upload(path + "?name=big.png", "image/png", twoMegabytes).status())
                .as("attachments may be larger than other bodies").isEqualTo(201);
        assertThat(api.as(tokens.storeStaff("9")).upload("/api/aftersales/cases", "application/json", twoMegabytes).status())
                .as("other bodies keep the 1 MB limit").isEqualTo(413);

        for (int i = api.as(tokens.hqAnalyst()).get(path).json().size(); i < CaseAttachments.PER_CASE; i++) {
            assertThat(api.as(tokens.storeStaff("9")).upload(path + "?name=more" + i + ".png", "image/png", PNG).status()).isEqualTo(201);
        }
        assertThat(api.as(tokens.storeStaff("9")).upload(path + "?name=one-too-many.png", "image/png", PNG).status()).isEqualTo(409);
    }

    @Test
    void anErasureRemovesTheMembersAttachmentsBytesAndAll(Tokens tokens) {
        String member = shop().anyMember();
        String id = openAt9(tokens, member);
        String attachment = api.as(tokens.storeStaff("9")).upload("/api/aftersales/cases/" + id + "/attachments?name=label.png", "image/png", PNG)
                .json().path("id").asString();
        String relay = tokens.clientCredentials("member-svc", "member-svc-secret");
        assertThat(api.as(relay).post("/internal/members/" + member + "/erasure", Map.of("memberIds", List.of(member),
                "digests", List.of(DigestUtils.sha256Hex("nothing-else")))).status()).isEqualTo(204);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + id + "/attachments").json()).isEmpty();
        assertThat(api.as(tokens.hqAnalyst()).download("/api/aftersales/cases/" + id + "/attachments/" + attachment).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_attachment WHERE case_id = :id").param("id", id).query(Long.class).single()).isZero();
    }
}
