package dev.fairbill.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import dev.fairbill.platform.testsupport.FairbillTestEnvironment;

/** {@link PlatformTestApplication} on its own fresh database and the JVM's Kafka broker, configured like a service. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "spring.application.name=platform-test",
        "fairbill.messaging.source=/fairbill/platform-test",
        "fairbill.security.internal-jwt.issuer=fairbill-gateway",
        "fairbill.security.internal-jwt.audience=fairbill-services",
        "fairbill.security.internal-jwt.scope-family=billing",
        "fairbill.security.internal-jwt.tenants=panel,studio,imaging,smm,chat"
})
@ContextConfiguration(initializers = FairbillTestEnvironment.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface PlatformIntegrationTest {
}
