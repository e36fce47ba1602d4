/**
 * What a till may keep to recognise members while offline: the store's own members (enrolled there, or bought there in
 * the last year), with hashed lookup keys instead of phone numbers, masked display data, tier, balance and vouchers.
 */
@OwnsTables("till_key")
package dev.santong.member.tillcache;

import dev.santong.platform.kit.module.OwnsTables;
