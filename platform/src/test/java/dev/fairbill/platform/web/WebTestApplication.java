package dev.fairbill.platform.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The web slice under test: the platform's web auto-configuration and a controller that fails on demand. */
@SpringBootConfiguration
@ImportAutoConfiguration(FairbillWebAutoConfiguration.class)
@Import(ProblemTestController.class)
class WebTestApplication {
}
