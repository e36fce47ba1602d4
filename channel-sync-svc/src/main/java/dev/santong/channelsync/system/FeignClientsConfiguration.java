package dev.santong.channelsync.system;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/** The Feign clients of every capability, each in the package of the remote it speaks to (tokens: the kit's ServiceAccountFeignConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackages = "dev.santong.channelsync")
class FeignClientsConfiguration {
}
