package dev.fairbill.platform.messaging;

import java.lang.reflect.Method;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * Consumes each topic the service lists in {@code fairbill.messaging.consumes} with a consumer of its own, in the
 * service's consumer group, and hands every record to the {@link InboundDispatcher}, which applies it once through
 * its {@link InboundHandler}.
 */
public final class InboundListeners implements KafkaListenerConfigurer, BeanFactoryAware {

    private final InboundDispatcher dispatcher;
    private final List<String> topics;
    private final String groupId;
    private BeanFactory beanFactory;

    public InboundListeners(InboundDispatcher dispatcher, List<String> topics, String groupId) {
        this.dispatcher = dispatcher;
        this.topics = List.copyOf(topics);
        this.groupId = groupId;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        register(registrar, beanFactory, this, onRecord(), topics, groupId, "inbound-");
    }

    /**
     * Registers {@code method} of {@code bean}, which takes one {@code ConsumerRecord<String, byte[]>}, as a listener
     * of each of {@code topics} in consumer group {@code group} (the default one when blank).
     */
    public static void register(KafkaListenerEndpointRegistrar registrar, BeanFactory beanFactory, Object bean,
                                Method method, List<String> topics, String group, String idPrefix) {
        var handlerMethods = new DefaultMessageHandlerMethodFactory();
        handlerMethods.setBeanFactory(beanFactory);
        handlerMethods.afterPropertiesSet();
        for (String topic : topics) {
            var endpoint = new MethodKafkaListenerEndpoint<String, byte[]>();
            endpoint.setId(idPrefix + topic);
            if (!group.isBlank()) {
                endpoint.setGroupId(group);
            }
            endpoint.setTopics(topic);
            endpoint.setBean(bean);
            endpoint.setMethod(method);
            endpoint.setMessageHandlerMethodFactory(handlerMethods);
            endpoint.setBeanFactory(beanFactory);
            registrar.registerEndpoint(endpoint);
        }
    }

    /** The topics consumed, each by its own listener. */
    public List<String> topics() {
        return topics;
    }

    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }

    private static Method onRecord() {
        try {
            return InboundListeners.class.getMethod("on", ConsumerRecord.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
