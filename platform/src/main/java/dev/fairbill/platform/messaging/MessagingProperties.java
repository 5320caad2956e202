package dev.fairbill.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param source          CloudEvents {@code ce_source} of this service's messages, e.g. {@code /fairbill/billing}
 * @param partitions      partitions of the topics this service creates
 * @param publishTimeout  how long the publisher waits for the broker to acknowledge a batch
 * @param retryInitial    first back-off of a failing inbound message
 * @param retryMax        longest back-off between attempts
 * @param retryAttempts   attempts before the message goes to the dead-letter topic
 * @param waitFor         how long a message that names something not known here yet waits for it before it goes to
 *                        the dead-letter topic
 * @param waitingRetryInterval how often the waiting messages are tried again
 * @param consumes        the topics this service consumes, each with a consumer of its own
 */
@Validated
@ConfigurationProperties("fairbill.messaging")
public record MessagingProperties(@NotBlank String source,
                                  @Min(1) int partitions,
                                  @NotNull Duration publishTimeout,
                                  @NotNull Duration retryInitial,
                                  @NotNull Duration retryMax,
                                  @Min(1) int retryAttempts,
                                  @NotNull Duration waitFor,
                                  @NotNull Duration waitingRetryInterval,
                                  @DefaultValue List<@NotBlank String> consumes) {
}
