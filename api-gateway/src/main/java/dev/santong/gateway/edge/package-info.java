/** Edge security and error documents: who may pass the gateway, and what a refused or failed call looks like. */
package dev.santong.gateway.edge;
