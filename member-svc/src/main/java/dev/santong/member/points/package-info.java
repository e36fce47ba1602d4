/** The points ledger: earn anywhere, spend anywhere, lots with exact expiry, exactly once by business key. */
package dev.santong.member.points;
