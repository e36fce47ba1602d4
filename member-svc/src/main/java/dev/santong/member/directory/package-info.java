/**
 * HQ's member directory: members found by name, the last digits of a phone, tier, segment and the store that enrolled
 * them, a page at a time. Reads the member, tier and segment modules; owns no table.
 */
package dev.santong.member.directory;
