/** What channel-sync-svc asks of service-svc (a till's returns as after-sales cases): its own client and records. */
package dev.santong.channelsync.aftersales;
