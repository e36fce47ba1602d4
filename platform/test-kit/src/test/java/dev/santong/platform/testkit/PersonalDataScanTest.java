package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataScanTest {

    @Test
    void findsPhonesInEverySpellingEmailsTokensAndCards() {
        assertThat(PersonalDataScan.kindsIn("lookup phone=13977771234 done")).containsExactly("mobile number");
        assertThat(PersonalDataScan.kindsIn("phone +8613977771234")).containsExactly("mobile number");
        assertThat(PersonalDataScan.kindsIn("phone 139 7777 1234")).containsExactly("mobile number");
        assertThat(PersonalDataScan.kindsIn("phone 86-139-7777-1234")).containsExactly("mobile number");
        assertThat(PersonalDataScan.kindsIn("caller +14155550123")).containsExactly("phone number");
        assertThat(PersonalDataScan.kindsIn("mail LogProbe@Example.com")).containsExactly("e-mail address");
        assertThat(PersonalDataScan.kindsIn("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln")).containsExactly("bearer token");
        assertThat(PersonalDataScan.kindsIn("card 4111 1111 1111 1111")).containsExactly("card number");
        assertThat(PersonalDataScan.kindsIn("card 6212345678901232")).containsExactly("card number");
    }

    @Test
    void idsTimesAndNumbersOfTheServicesAreNotPersonalData() {
        assertThat(PersonalDataScan.kindsIn("[member-svc,4bf92f3577b34da6a3ce929d0e0e4736] took 12 ms")).isEmpty();
        assertThat(PersonalDataScan.kindsIn("trace 0af7651913977771234c80319c")).as("digits inside a trace id").isEmpty();
        assertThat(PersonalDataScan.kindsIn("case 3f2b1c0e-1397-7771-2345-9a8b7c6d5e4f opened")).isEmpty();
        assertThat(PersonalDataScan.kindsIn("at 1733491234567 epoch millis")).isEmpty();
        assertThat(PersonalDataScan.kindsIn("4111 1111 1111 1112 fails Luhn")).isEmpty();
        assertThat(PersonalDataScan.kindsIn("Started GoodsApplication in 13.977 seconds (process running for 14.2)")).isEmpty();
        assertThat(PersonalDataScan.kindsIn("version 1.3.9-7777-1234 of a library")).isEmpty();
    }
}
