/** How a till's transaction reads for its effects (lines, member, return of which purchase), and its receipt reference. */
package dev.santong.channelsync.receipt;
