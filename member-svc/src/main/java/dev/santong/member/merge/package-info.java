/** Merging duplicate members into one (HQ, or automatic when a verified identity proves it) and undoing it. */
@OwnsTables("member_merge")
package dev.santong.member.merge;

import dev.santong.platform.kit.module.OwnsTables;
