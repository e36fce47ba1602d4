/** Servlet plumbing every service shares: limits on what a request may make the service read. */
package dev.santong.platform.kit.web;
