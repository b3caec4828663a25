/**
 * The typed WhatsApp Calling client: {@link dev.wacalls.graph.WhatsAppCallingClient} and its APIs for calls,
 * permissions, settings, templates and phone numbers, with {@link dev.wacalls.graph.RequestOptions} for
 * multi-tenant use.
 */
@NullMarked
package dev.wacalls.graph;

import org.jspecify.annotations.NullMarked;
