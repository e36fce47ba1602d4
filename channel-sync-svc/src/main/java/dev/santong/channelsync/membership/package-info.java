/** What channel-sync-svc asks of member-svc (earn, redeem, reverse, enrol, lookups, store totals, the till cache): its own client and records. */
package dev.santong.channelsync.membership;
