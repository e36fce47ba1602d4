/** Scheduled jobs once per cluster (ShedLock over the service's own database). */
package dev.santong.platform.kit.jobs;
