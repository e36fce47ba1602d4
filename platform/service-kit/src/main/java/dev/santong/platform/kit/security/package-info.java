/** Resource-server security against the santong Keycloak realm: issuer, audience, realm roles as authorities. */
package dev.santong.platform.kit.security;
