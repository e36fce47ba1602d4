/** Framework wiring of member-svc only: OpenAPI, clock. */
package dev.santong.member.system;
