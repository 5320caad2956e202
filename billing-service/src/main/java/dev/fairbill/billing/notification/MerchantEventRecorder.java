package dev.fairbill.billing.notification;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.messaging.InboundListeners;
import dev.fairbill.platform.messaging.InboundMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the three services' event topics in a consumer group of its own and records, once per message, the events
 * merchants can hear of, with a delivery to each endpoint of the event's tenant that wants it. The topics are keyed
 * by account, so one account's events are recorded in the order each service published them.
 */
public class MerchantEventRecorder implements KafkaListenerConfigurer, BeanFactoryAware {

    static final List<String> TOPICS = List.of(Topics.BILLING_EVENTS, Topics.LEDGER_EVENTS, Topics.REFUND_EVENTS);
    private static final Logger log = LoggerFactory.getLogger(MerchantEventRecorder.class);

    private final MerchantEndpoints endpoints;
    private final MerchantDeliveries deliveries;
    private final MerchantWebhookSender sender;
    private final JsonMapper json;
    private final String group;
    private BeanFactory beanFactory;

    public MerchantEventRecorder(MerchantEndpoints endpoints, MerchantDeliveries deliveries,
                                 MerchantWebhookSender sender, JsonMapper json, String group) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.json = json;
        this.group = group;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        InboundListeners.register(registrar, beanFactory, this, onRecord(), TOPICS, group, "merchant-events-");
    }

    public void on(ConsumerRecord<String, byte[]> record) {
        String type = InboundMessage.typeOf(record);
        log.debug("merchant events: {} from {}", type, record.topic());
        boolean consumption = CreditsConsumedV1.TYPE.equals(type);
        Optional<MerchantEventType> told = MerchantEventType.ofMessage(type);
        if (!consumption && told.isEmpty()) {
            return;
        }
        InboundMessage message = InboundMessage.from(record);
        JsonNode data;
        try {
            data = json.readTree(message.data());
        } catch (JacksonException unreadable) {
            log.warn("merchant events: skipped an unreadable {} message {}", type, message.id());
            return;
        }
        String tenant = data.path("tenant").asString("");
        String account = data.path("accountId").asString(message.subject() == null ? "" : message.subject());
        if (tenant.isBlank() || account.isBlank()) {
            log.warn("merchant events: skipped {} message {} without tenant or account", type, message.id());
            return;
        }
        Instant occurred = message.time() == null ? Instant.now() : message.time();
        List<MerchantEndpoints.Endpoint> enabled = endpoints.enabled(tenant);
        boolean recorded = false;
        if (told.isPresent()) {
            MerchantEventType event = told.get();
            String id = Ids.derive(IdPrefix.EVENT, message.id());
            recorded = deliveries.record(new MerchantDeliveries.Event(id, tenant, account, event,
                    body(id, event, occurred, tenant, account, data), occurred),
                    enabled.stream().filter(endpoint -> endpoint.wants(event)).map(MerchantEndpoints.Endpoint::id)
                            .toList());
        } else {
            recorded = lowBalance(message, data, tenant, account, occurred, enabled);
        }
        if (recorded) {
            sender.wake();
        }
    }

    /**
     * A consumption that takes the balance below an endpoint's threshold is a low-balance event for that endpoint
     * alone; one that leaves it below, or above, is none.
     */
    private boolean lowBalance(InboundMessage message, JsonNode data, String tenant, String account, Instant occurred,
                               List<MerchantEndpoints.Endpoint> enabled) {
        long after = data.path("balanceAfter").asLong();
        long before = after + data.path("amount").asLong();
        boolean recorded = false;
        for (MerchantEndpoints.Endpoint endpoint : enabled) {
            Long threshold = endpoint.lowBalanceThreshold();
            if (threshold == null || !endpoint.wants(MerchantEventType.LEDGER_LOW_BALANCE)
                    || after >= threshold || before < threshold) {
                continue;
            }
            String id = Ids.derive(IdPrefix.EVENT, message.id() + "/low-balance/" + endpoint.id());
            ObjectNode low = json.createObjectNode();
            low.put("accountId", account);
            low.put("tenant", tenant);
            low.put("balance", after);
            low.put("threshold", threshold);
            low.put("consumedAt", occurred.toString());
            recorded |= deliveries.record(new MerchantDeliveries.Event(id, tenant, account,
                    MerchantEventType.LEDGER_LOW_BALANCE,
                    body(id, MerchantEventType.LEDGER_LOW_BALANCE, occurred, tenant, account, low), occurred),
                    List.of(endpoint.id()));
        }
        return recorded;
    }

    /** What an endpoint receives: the event's id, type and account, and the service's message as its data. */
    private byte[] body(String id, MerchantEventType type, Instant occurred, String tenant, String account,
                        JsonNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("object", "event");
        body.put("type", type.wireName());
        body.put("apiVersion", "v1");
        body.put("createdAt", occurred.toString());
        body.put("tenant", tenant);
        body.put("accountId", account);
        body.set("data", data);
        return json.writeValueAsBytes(body);
    }

    private static Method onRecord() {
        try {
            return MerchantEventRecorder.class.getMethod("on", ConsumerRecord.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
