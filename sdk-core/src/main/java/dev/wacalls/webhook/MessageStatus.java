package dev.wacalls.webhook;

/** Delivery status of a message the business sent. */
public enum MessageStatus {
    SENT,
    DELIVERED,
    READ,
    FAILED,
    DELETED,
    UNKNOWN
}
