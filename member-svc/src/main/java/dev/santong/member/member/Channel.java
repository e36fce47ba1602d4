package dev.santong.member.member;

/** Where something about a member happened. */
public enum Channel {
    ONLINE, STORE, HQ_IMPORT,
    /** Brand HQ acting on a member (console, merges), not an enrolment channel. */
    HQ
}
