/** HQ's figures: member versus non-member order value, repurchase, active members, points liability. */
package dev.santong.member.analytics;
