/** Tags and HQ-defined rule segments for personalisation (千人千面). */
package dev.santong.member.segment;
