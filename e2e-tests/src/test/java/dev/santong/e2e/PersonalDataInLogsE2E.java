package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.PersonalDataScan;

/**
 * Runs after every other end-to-end test (see junit-platform.properties): the logs of the whole run — each service and
 * the gateway as the suite ran them, the integration tier's, and what every service logged under its integration tests
 * (the test reports' output) — hold no phone number, e-mail address, token or card number.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataInLogsE2E {

    private static final List<String> LOGS = List.of("member-svc.log", "goods-svc.log", "service-svc.log", "channel-sync-svc.log",
            "api-gateway.log", "test-unit-integration-chart.log");

    @Test
    void noLogOfTheRunHoldsPersonalData() throws IOException {
        Path logs = Path.of(System.getProperty("santong.logs", "../.local/logs"));
        List<Path> scanned = new ArrayList<>();
        List<PersonalDataScan.Finding> findings = new ArrayList<>();
        for (String name : LOGS) {
            Path log = logs.resolve(name);
            if (Files.exists(log)) {
                scanned.add(log);
            }
        }
        Path root = Path.of(System.getProperty("santong.root", ".."));
        for (String module : List.of("member-svc", "goods-svc", "service-svc", "channel-sync-svc", "api-gateway", "platform/service-kit")) {
            for (String reports : List.of("failsafe-reports", "surefire-reports")) {
                Path dir = root.resolve(module).resolve("target").resolve(reports);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml|.*-output\\.txt")).sorted().forEach(scanned::add);
                    }
                }
            }
        }
        for (Path log : scanned) {
            findings.addAll(PersonalDataScan.scan(log));
        }
        long lines = 0;
        for (Path log : scanned) {
            try (Stream<String> all = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                lines += all.count();
            }
        }
        System.out.printf("personal data scan: %d logs, %d lines, %d findings%n", scanned.size(), lines, findings.size());
        assertThat(scanned).as("the suite's service logs and the test reports are there to scan").hasSizeGreaterThan(20);
        assertThat(findings).as(String.join("\n", findings.stream().limit(40)
                .map(f -> f.file().getFileName() + ":" + f.line() + " " + f.kind() + ": " + f.excerpt()).toList())).isEmpty();
    }
}
