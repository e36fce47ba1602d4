/** Enrolment from any channel, channel identities and who may read a member. */
@OwnsTables({"member", "member_identity", "identity_match", "duplicate_candidate", "member_audit"})
package dev.santong.member.member;

import dev.santong.platform.kit.module.OwnsTables;
