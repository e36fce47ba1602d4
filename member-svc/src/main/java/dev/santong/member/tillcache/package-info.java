/**
 * What a till may keep to recognise members while offline: the store's own members (enrolled there, or bought there in
 * the last year), with hashed lookup keys instead of phone numbers, masked display data, tier, balance and vouchers.
 */
package dev.santong.member.tillcache;
