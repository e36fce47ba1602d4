/** Enrolment from any channel, channel identities and who may read a member. */
package dev.santong.member.member;
