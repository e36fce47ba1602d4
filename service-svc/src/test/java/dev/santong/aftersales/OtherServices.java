package dev.santong.aftersales;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.santong.platform.testkit.ServiceProcess;

/**
 * member-svc and goods-svc running for real beside the service-svc under test, each with a fresh schema: started once
 * for all test classes that share them (their data is keyed by unique references), stopped when the tests end. A test
 * that stops one starts its own with {@link #startOwn()}.
 */
public final class OtherServices implements AutoCloseable {

    private static OtherServices shared;

    public final ServiceProcess goods;
    public final ServiceProcess members;

    private OtherServices(ServiceProcess goods, ServiceProcess members) {
        this.goods = goods;
        this.members = members;
    }

    public static synchronized OtherServices shared() {
        if (shared == null) {
            shared = startOwn();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static OtherServices startOwn() {
        ServiceProcess goods = ServiceProcess.start("goods-svc", "santong_goods", "goods_svc");
        try {
            return new OtherServices(goods, ServiceProcess.start("member-svc", "santong_member", "member_svc"));
        } catch (RuntimeException e) {
            goods.close();
            throw e;
        }
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("santong.remotes.goods-url", goods::url);
        registry.add("santong.remotes.member-url", members::url);
    }

    @Override
    public void close() {
        try {
            members.close();
        } finally {
            goods.close();
        }
    }
}
