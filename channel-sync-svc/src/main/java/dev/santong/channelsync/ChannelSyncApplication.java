package dev.santong.channelsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ChannelSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChannelSyncApplication.class, args);
    }
}
