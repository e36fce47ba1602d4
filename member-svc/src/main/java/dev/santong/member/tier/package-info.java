/** Tiers: HQ's definitions, qualification on rolling 12-month spend or points in every channel, history. */
package dev.santong.member.tier;
