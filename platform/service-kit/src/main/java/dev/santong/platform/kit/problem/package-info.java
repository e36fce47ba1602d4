/** RFC 9457 problem details for every error a client can see, with no stack traces and the correlation id to quote. */
package dev.santong.platform.kit.problem;
