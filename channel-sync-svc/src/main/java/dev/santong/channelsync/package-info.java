/** Owns what stores upload: POS batches kept as sent, per-transaction status, sequence tracking and day-close reports. */
package dev.santong.channelsync;
