/** Framework wiring only: the Feign clients (each carries service-svc's own token, santong.service-account.registration). */
package dev.santong.aftersales.system;
