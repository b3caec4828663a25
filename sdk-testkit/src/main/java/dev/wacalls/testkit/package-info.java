/**
 * An emulator of WhatsApp's Cloud API for calling, so an ATS can test its integration with no Meta account:
 * {@link dev.wacalls.testkit.WhatsAppEmulator} serves the Graph endpoints on loopback and sends signed webhooks,
 * and {@link dev.wacalls.testkit.VirtualCandidate}s accept or decline permission requests and answer, reject or
 * ignore calls.
 */
@NullMarked
package dev.wacalls.testkit;

import org.jspecify.annotations.NullMarked;
