package dev.fairbill.http;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Installs the {@link StartupGate} and the {@link RequestLimitsFilter} ahead of every other filter and makes Tomcat
 * report its own errors with the {@link ProblemErrorReportValve}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpEdgeAutoConfiguration.RequestLimits.class)
public class HttpEdgeAutoConfiguration {

    /**
     * @param maxRequestBody the largest request body accepted
     * @param maxWebhookBody the largest body accepted on {@code /webhooks/**} (processors send a few kilobytes)
     */
    @ConfigurationProperties("fairbill.http")
    public record RequestLimits(@DefaultValue("1MB") DataSize maxRequestBody,
                                @DefaultValue("256KB") DataSize maxWebhookBody) {
    }

    @Bean
    public StartupGate startupGate() {
        return new StartupGate();
    }

    @Bean
    public FilterRegistrationBean<StartupGate> startupGateFilter(StartupGate gate) {
        var registration = new FilterRegistrationBean<>(gate);
        // HIGHEST_PRECEDENCE itself is left to a filter that must see every answer, such as the gateway's headers
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimits limits) {
        var registration = new FilterRegistrationBean<>(new RequestLimitsFilter(limits.maxRequestBody().toBytes(),
                limits.maxWebhookBody().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }
}
