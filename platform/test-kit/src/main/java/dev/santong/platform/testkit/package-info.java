/** Test support against the real local stack: its settings, a fresh schema per test class, real Keycloak tokens per role. */
package dev.santong.platform.testkit;
