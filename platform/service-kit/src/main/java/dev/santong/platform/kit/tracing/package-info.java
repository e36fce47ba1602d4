/** Traces that outlive a request: kept with durable work, continued when it is done, carried into async tasks. */
package dev.santong.platform.kit.tracing;
