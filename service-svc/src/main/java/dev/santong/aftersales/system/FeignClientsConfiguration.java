package dev.santong.aftersales.system;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** The Feign clients, each in the package of the remote it speaks to (tokens: the kit's ServiceAccountFeignConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackages = "dev.santong.aftersales")
class FeignClientsConfiguration {
}
