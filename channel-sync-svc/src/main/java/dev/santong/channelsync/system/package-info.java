/** Framework wiring only: the Feign clients (each carries channel-sync-svc's own token, santong.service-account.registration). */
package dev.santong.channelsync.system;
