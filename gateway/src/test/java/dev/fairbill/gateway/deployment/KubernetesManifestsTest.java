package dev.fairbill.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the Kubernetes manifests let through: management ports in no Service and only from the monitoring namespace,
 * the services' APIs only from the gateway and each other, and the local PostgreSQL servers and Kafka only from the
 * services that use them.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("fairbill.root", "..")).resolve("k8s");
    private static final List<String> SERVICES = List.of("billing-service", "credit-ledger-service", "refund-service");
    private static final Map<String, Object> MONITORING = Map.of("namespaceSelector",
            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")));

    private final List<Map<String, Object>> documents = documents();

    @Test
    void noServiceExposesAManagementPort() {
        List<Map<String, Object>> services = ofKind("Service");
        assertThat(services).hasSizeGreaterThanOrEqualTo(4);
        services.forEach(service -> assertThat(list(map(service, "spec"), "ports"))
                .as(name(service)).noneMatch(port -> "management".equals(port.get("name"))));
    }

    @Test
    void everyDeploymentAndStatefulSetHasANetworkPolicy() {
        Stream.concat(ofKind("Deployment").stream(), ofKind("StatefulSet").stream())
                .forEach(workload -> assertThat(policyFor(name(workload))).as(name(workload)).isNotNull());
    }

    @Test
    void managementPortsAdmitOnlyTheMonitoringNamespace() {
        for (Map<String, Object> policy : ofKind("NetworkPolicy")) {
            for (Map<String, Object> rule : list(map(policy, "spec"), "ingress")) {
                if (ports(rule).contains("management")) {
                    assertThat(ports(rule)).as(name(policy)).containsExactly("management");
                    assertThat(list(rule, "from")).as(name(policy)).containsExactly(MONITORING);
                }
            }
        }
    }

    @Test
    void theServicesApisAdmitOnlyTheGatewayAndEachOther() {
        for (String service : SERVICES) {
            List<Map<String, Object>> rules = list(map(policyFor(service), "spec"), "ingress");
            assertThat(rules).allSatisfy(rule -> assertThat(rule).containsKey("from"));
            Map<String, Object> api = rules.stream().filter(rule -> ports(rule).contains("http")).findFirst()
                    .orElseThrow();
            assertThat(admittedNames(api)).containsExactlyInAnyOrder("gateway", "billing-service",
                    "credit-ledger-service", "refund-service");
        }
    }

    @Test
    void redisAdmitsOnlyTheGateways() {
        List<Map<String, Object>> rules = list(map(policyFor("redis"), "spec"), "ingress");
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(admittedNames(rule)).containsExactly("gateway");
            assertThat(ports(rule)).containsExactly("redis");
        });
    }

    @Test
    void eachDatabaseAdmitsOnlyItsServiceAndKafkaOnlyTheServices() {
        Map<String, String> databases = Map.of("postgres-billing", "billing-service",
                "postgres-ledger", "credit-ledger-service", "postgres-refund", "refund-service");
        databases.forEach((database, service) -> {
            List<Map<String, Object>> rules = list(map(policyFor(database), "spec"), "ingress");
            assertThat(rules).as(database).singleElement().satisfies(rule -> {
                assertThat(ports(rule)).containsExactly("postgres");
                assertThat(admittedNames(rule)).containsExactly(service);
            });
        });
        List<Map<String, Object>> kafka = list(map(policyFor("kafka"), "spec"), "ingress");
        assertThat(kafka).singleElement().satisfies(rule -> {
            assertThat(ports(rule)).containsExactly("plaintext");
            assertThat(admittedNames(rule)).containsExactlyInAnyOrder("billing-service", "credit-ledger-service",
                    "refund-service", "kafka-create-topics");
        });
    }

    /** A replica without a segment of a processor, or a partition of a topic, idles: at most replicas, all get work. */
    @Test
    @SuppressWarnings("unchecked")
    void productionGivesEveryReplicaSegmentsAndPartitions() throws IOException {
        Map<String, Object> production = new Yaml().load(Files.readString(K8S.resolve("overlays/production")
                .resolve("kustomization.yaml")));
        int maxReplicas = list(production, "patches").stream()
                .flatMap(patch -> ((List<Map<String, Object>>) new Yaml().load((String) patch.get("patch"))).stream())
                .filter(operation -> "/spec/maxReplicas".equals(operation.get("path")))
                .mapToInt(operation -> (Integer) operation.get("value")).max().orElseThrow();
        for (String service : SERVICES) {
            Map<String, Integer> settings = new java.util.HashMap<>();
            list(production, "configMapGenerator").stream().filter(generator -> service.equals(generator.get("name")))
                    .flatMap(generator -> ((List<String>) generator.get("literals")).stream())
                    .map(literal -> literal.split("=", 2))
                    .forEach(pair -> settings.put(pair[0], Integer.parseInt(pair[1])));
            assertThat(settings).as(service).containsKeys("FAIRBILL_AXON_SEGMENTS", "FAIRBILL_MESSAGING_PARTITIONS");
            assertThat(settings.get("FAIRBILL_AXON_SEGMENTS")).as(service + " segments")
                    .isGreaterThanOrEqualTo(maxReplicas);
            assertThat(settings.get("FAIRBILL_MESSAGING_PARTITIONS")).as(service + " partitions")
                    .isGreaterThanOrEqualTo(maxReplicas);
        }
    }

    private Map<String, Object> policyFor(String workload) {
        return ofKind("NetworkPolicy").stream()
                .filter(policy -> workload.equals(map(map(map(policy, "spec"), "podSelector"), "matchLabels")
                        .get("app.kubernetes.io/name")))
                .findFirst().orElse(null);
    }

    /** The names of the pods a rule admits, by label, whether listed one by one or with an {@code In} expression. */
    @SuppressWarnings("unchecked")
    private static List<String> admittedNames(Map<String, Object> rule) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> peer : list(rule, "from")) {
            assertThat(peer).containsOnlyKeys("podSelector");
            Map<String, Object> selector = map(peer, "podSelector");
            Object label = map(selector, "matchLabels").get("app.kubernetes.io/name");
            if (label != null) {
                names.add((String) label);
            }
            for (Map<String, Object> expression : list(selector, "matchExpressions")) {
                assertThat(expression).containsEntry("key", "app.kubernetes.io/name").containsEntry("operator", "In");
                names.addAll((List<String>) expression.get("values"));
            }
        }
        return names;
    }

    private static List<Object> ports(Map<String, Object> rule) {
        return list(rule, "ports").stream().map(port -> port.get("port")).toList();
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(document -> kind.equals(document.get("kind"))).toList();
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(map(document, "metadata").get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> child ? (Map<String, Object>) child : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> children ? (List<Map<String, Object>>) children : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents() {
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document instanceof Map<?, ?> map && !Objects.equals(map.get("kind"), "Kustomization")) {
                        documents.add((Map<String, Object>) map);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
