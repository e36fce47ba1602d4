package dev.santong.channelsync.apply;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.santong.platform.testkit.ServiceProcess;

/** goods-svc and member-svc running for real beside the channel-sync-svc under test, each with a fresh schema. */
final class RemoteServices implements AutoCloseable {

    final ServiceProcess goods;
    final ServiceProcess members;

    private RemoteServices(ServiceProcess goods, ServiceProcess members) {
        this.goods = goods;
        this.members = members;
    }

    static RemoteServices start() {
        ServiceProcess goods = ServiceProcess.start("goods-svc", "santong_goods", "goods_svc");
        try {
            return new RemoteServices(goods, ServiceProcess.start("member-svc", "santong_member", "member_svc"));
        } catch (RuntimeException e) {
            goods.close();
            throw e;
        }
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("santong.remotes.goods-url", goods::url);
        registry.add("santong.remotes.member-url", members::url);
        // Short waits so a test sees a returning service picked up within seconds.
        registry.add("santong.sync.apply.initial-backoff", () -> "200ms");
        registry.add("santong.sync.apply.max-backoff", () -> "3s");
        registry.add("santong.sync.apply.poll-interval", () -> "200ms");
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
