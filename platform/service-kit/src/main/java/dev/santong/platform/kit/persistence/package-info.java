/** Database plumbing for idempotent writes. */
package dev.santong.platform.kit.persistence;
