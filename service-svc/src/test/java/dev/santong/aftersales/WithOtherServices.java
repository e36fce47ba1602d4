package dev.santong.aftersales;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A test class whose service-svc checks cases against the shared real member-svc and goods-svc. */
public abstract class WithOtherServices {

    @DynamicPropertySource
    static void otherServices(DynamicPropertyRegistry registry) {
        OtherServices.shared().register(registry);
    }

    protected static Shop shop() {
        return new Shop(OtherServices.shared());
    }
}
