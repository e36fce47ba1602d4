/** Defaults for Feign clients between services: timeouts, retries only when safe, token and correlation relay, one circuit breaker per remote. */
package dev.santong.platform.kit.feign;
