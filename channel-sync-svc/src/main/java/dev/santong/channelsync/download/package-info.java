/** What a till downloads to work offline: its store's catalogue, price and stock changes and its members' cache. */
package dev.santong.channelsync.download;
