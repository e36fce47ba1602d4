package dev.santong.goods.shop;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** The shop's pages carry an ETag of their content: a shop re-reading an unchanged page gets a 304 without the body. */
@Configuration(proxyBeanMethods = false)
class ShopCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> shopEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/goods/shop/*");
        return registration;
    }
}
