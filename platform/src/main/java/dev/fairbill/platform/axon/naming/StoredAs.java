package dev.fairbill.platform.axon.naming;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name under which instances of this class are stored: events, snapshots (the aggregate class), sagas and
 * deadline payloads. It never changes, so the class can move or be renamed without breaking a stored stream; a new
 * shape of the same fact keeps the name and raises its {@code @Revision}. Names are {@code <service>.<Name>}, for
 * example {@code billing.ChargeCaptured}, unique within a service.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoredAs {

    String value();
}
