package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.santong.platform.testkit.Api;

/** A member's enrolment as a till, the shop or HQ sends it, built by name. */
public final class Enrolment {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Enrolment(String channel) {
        fields.put("channel", channel);
    }

    public static Enrolment atStore(String storeId) {
        Enrolment enrolment = new Enrolment("STORE");
        enrolment.fields.put("storeId", storeId);
        return enrolment;
    }

    public static Enrolment online() {
        return new Enrolment("ONLINE");
    }

    public Enrolment phone(String phone) {
        return with("phone", phone);
    }

    public Enrolment email(String email) {
        return with("email", email);
    }

    public Enrolment card(String loyaltyCardNumber) {
        return with("loyaltyCardNumber", loyaltyCardNumber);
    }

    public Enrolment posMemberCode(String code) {
        return with("posMemberCode", code);
    }

    public Enrolment named(String displayName) {
        return with("displayName", displayName);
    }

    /** Identities as a test names them, e.g. {@code Map.of("phone", ...)}. */
    public Enrolment with(Map<String, ?> more) {
        fields.putAll(more);
        return this;
    }

    private Enrolment with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }

    /** Enrols through the caller's API and answers the member's id (the same member again when it was known). */
    public String enrolledBy(Api as) {
        Api.Response enrolled = as.post("/api/members", fields);
        assertThat(enrolled.status()).as(enrolled.toString()).isIn(200, 201);
        return enrolled.json().path("member").path("id").asString();
    }
}
