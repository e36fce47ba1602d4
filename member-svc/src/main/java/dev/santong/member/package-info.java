/** 会员通: owns members, their channel identities, points, tiers, vouchers and consents. Does not own goods or after-sales cases. */
package dev.santong.member;
