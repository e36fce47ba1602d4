/** Web plumbing every service shares: limits on what a request may make the service read, and one shape for lists. */
package dev.santong.platform.kit.web;
