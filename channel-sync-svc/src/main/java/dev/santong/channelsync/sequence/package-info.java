/** Sequence tracking: which transactions of a till's business day have not arrived yet. */
package dev.santong.channelsync.sequence;
