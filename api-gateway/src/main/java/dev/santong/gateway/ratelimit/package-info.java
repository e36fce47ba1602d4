/** Per-caller request rates, counted in Redis so that every gateway replica enforces one limit. */
package dev.santong.gateway.ratelimit;
