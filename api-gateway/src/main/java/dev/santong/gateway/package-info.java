/** The edge: routes to the services, validates and relays tokens, limits callers' rates. Holds no business data. */
package dev.santong.gateway;
