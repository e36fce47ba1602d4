/** The goods-svc and member-svc endpoints channel-sync-svc calls, with its own service-account token. */
package dev.santong.channelsync.remote;
