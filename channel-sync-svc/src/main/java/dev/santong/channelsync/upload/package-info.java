/** The upload API: a store's batch is stored durably before the reply, each transaction once by its natural key. */
package dev.santong.channelsync.upload;
