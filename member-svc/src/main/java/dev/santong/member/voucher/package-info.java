/** Vouchers and benefits (权益): issued by HQ to members or segments, single use, redeemed in any channel allowed. */
@OwnsTables("voucher")
package dev.santong.member.voucher;

import dev.santong.platform.kit.module.OwnsTables;
