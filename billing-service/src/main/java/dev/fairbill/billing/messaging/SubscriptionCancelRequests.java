package dev.fairbill.billing.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.subscription.SubscriptionCancellationMode;
import dev.fairbill.billing.subscription.SubscriptionCommands.CancelSubscription;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.query.SubscriptionProjection;
import dev.fairbill.contracts.billing.CancelSubscriptionRequestedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.InboundMessage;

/**
 * A saga's request to end a subscription now. A subscription that is unknown to the tenant or has already ended is
 * left as it is: the request's purpose is met, and refusing it would only park it on the dead-letter topic.
 */
@Component
public class SubscriptionCancelRequests implements InboundHandler<CancelSubscriptionRequestedV1> {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionCancelRequests.class);

    private final CommandGateway commands;
    private final SubscriptionProjection subscriptions;

    public SubscriptionCancelRequests(CommandGateway commands, SubscriptionProjection subscriptions) {
        this.commands = commands;
        this.subscriptions = subscriptions;
    }

    @Override
    public String type() {
        return CancelSubscriptionRequestedV1.TYPE;
    }

    @Override
    public Class<CancelSubscriptionRequestedV1> dataType() {
        return CancelSubscriptionRequestedV1.class;
    }

    @Override
    public void handle(CancelSubscriptionRequestedV1 request, InboundMessage message) {
        var subscription = subscriptions.find(request.tenant(), request.subscriptionId());
        if (subscription.isEmpty()) {
            log.warn("Cancel request {} names subscription {} that tenant {} does not have; ignored", message.id(),
                    request.subscriptionId(), request.tenant());
            return;
        }
        if (subscription.get().status().isFinal()) {
            return;
        }
        commands.sendAndWait(new CancelSubscription(SubscriptionId.of(request.subscriptionId()),
                SubscriptionCancellationMode.IMMEDIATE, request.reason(), false, null, null));
    }
}
