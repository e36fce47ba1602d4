package dev.santong.channelsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
// The store and reconciliation gauges are refreshed on a schedule (the apply workers run on threads of their own).
@EnableScheduling
public class ChannelSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChannelSyncApplication.class, args);
    }
}
