package dev.fairbill.platform.testsupport;

import java.util.List;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** Rules every service's web layer keeps, checked by a test in each service. */
public final class WebLayerRules {

    private WebLayerRules() {
    }

    /**
     * The controllers under {@code basePackage} that carry {@code @Validated}. Such a controller is wrapped in a
     * method-validation proxy that validates every {@code @Valid @RequestBody} a second time, after Spring MVC has
     * validated it while reading it; none of our controllers constrains a plain parameter, so none needs the proxy.
     */
    public static List<String> controllersValidatedByProxy(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        return scanner.findCandidateComponents(basePackage).stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
                .filter(controller -> AnnotatedElementUtils.hasAnnotation(controller, Validated.class))
                .map(Class::getName)
                .toList();
    }
}
