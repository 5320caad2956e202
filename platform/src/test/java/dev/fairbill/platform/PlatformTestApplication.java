package dev.fairbill.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service there is: only the platform's auto-configuration, for testing the platform itself. */
@SpringBootApplication
public class PlatformTestApplication {
}
