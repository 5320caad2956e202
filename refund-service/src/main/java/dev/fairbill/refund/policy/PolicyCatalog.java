package dev.fairbill.refund.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The built-in policy templates, loaded and validated once ({@code GET /api/v1/policies}). */
public class PolicyCatalog {

    static final String TEMPLATES = "policies/";

    private final List<PolicyDocument> policies;

    public PolicyCatalog(List<PolicyDocument> policies) {
        this.policies = policies.stream().sorted(Comparator.comparing(PolicyDocument::id)).toList();
    }

    /**
     * Every {@code policies/*.yaml} on the classpath.
     *
     * @throws InvalidPolicyException naming the file and the clause when one of them is not valid
     */
    public static PolicyCatalog fromClasspath() {
        PolicyReader reader = new PolicyReader();
        return new PolicyCatalog(templateFiles().stream().map(file -> reader.read(TEMPLATES + file)).toList());
    }

    public List<PolicyDocument> all() {
        return policies;
    }

    public Optional<PolicyDocument> find(String id) {
        return policies.stream().filter(policy -> policy.id().equals(id)).findFirst();
    }

    private static List<String> templateFiles() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + TEMPLATES + "*.yaml");
            return Arrays.stream(resources).map(Resource::getFilename).filter(Objects::nonNull).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the refund policies", e);
        }
    }
}
