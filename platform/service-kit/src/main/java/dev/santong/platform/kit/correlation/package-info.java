/** Puts a correlation id on every request, log line, response and outgoing call. */
package dev.santong.platform.kit.correlation;
