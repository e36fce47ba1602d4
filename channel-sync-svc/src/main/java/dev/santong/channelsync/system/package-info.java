/** Framework wiring only: channel-sync-svc's own service-account token on its calls to other services. */
package dev.santong.channelsync.system;
