/** Plumbing every Santong service shares: security, problem details, correlation ids, actuator and Feign defaults. No domain types. */
package dev.santong.platform.kit;
