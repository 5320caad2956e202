package dev.fairbill.billing.catalog;

/** The configured catalog breaks a rule that property validation cannot see; the service does not start. */
public class InvalidCatalogException extends IllegalStateException {

    public InvalidCatalogException(String message) {
        super("Invalid catalog: " + message);
    }
}
