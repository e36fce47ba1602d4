/** Consent per purpose and channel, data-subject export and erasure. */
@OwnsTables({"consent_event", "consent_notice", "erasure_relay"})
package dev.santong.member.privacy;

import dev.santong.platform.kit.module.OwnsTables;
