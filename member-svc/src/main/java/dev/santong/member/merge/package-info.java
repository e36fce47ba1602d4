/** Merging duplicate members into one (HQ, or automatic when a verified identity proves it) and undoing it. */
package dev.santong.member.merge;
