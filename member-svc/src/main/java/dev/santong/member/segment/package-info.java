/** Tags and HQ-defined rule segments for personalisation (千人千面). */
@OwnsTables({"segment", "member_tag"})
package dev.santong.member.segment;

import dev.santong.platform.kit.module.OwnsTables;
