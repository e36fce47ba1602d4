/** Consent per purpose and channel, data-subject export and erasure. */
package dev.santong.member.privacy;
