package dev.fairbill.platform.web.openapi;

import java.util.Currency;
import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import dev.fairbill.platform.web.idempotency.IdempotencyProperties;
import dev.fairbill.platform.web.page.PageRequest;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * Each service describes its API at {@code /v3/api-docs} (springdoc); the gateway combines the three documents into
 * the public one. What every service's operations share is added here: the paging parameters, the Idempotency-Key
 * header and the problem answers.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    static {
        // the paging parameters are described by ServiceOperations, not as an object in the query
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PageRequest.class);
        // a currency is written as its ISO 4217 code
        SpringDocUtils.getConfig().replaceWithSchema(Currency.class,
                new StringSchema().pattern("^[A-Z]{3}$").description("ISO 4217 currency code").example("EUR"));
    }

    @Bean
    public ServiceOperations serviceOperations(IdempotencyProperties idempotency,
            @Value("${fairbill.openapi.write-problems:400,404,409,413,422}") List<Integer> writeProblems) {
        return new ServiceOperations(idempotency.requiredOn(), writeProblems);
    }

    @Bean
    public OperationCustomizer pagingParameters() {
        return ServiceOperations::addPaging;
    }
}
