/** One outbox for effects in other services: Spring Modulith's JDBC event publication registry, redelivery with backoff, quarantine and replay. */
package dev.santong.platform.kit.outbox;
