/** Per-store figures HQ needs to see a store drifting: last contact, oldest unapplied transaction, quarantine, conflicts. */
package dev.santong.channelsync.monitor;
