/** The HTTP side of the Graph client: transport, retries, error mapping. Not API. */
@NullMarked
package dev.wacalls.graph.internal;

import org.jspecify.annotations.NullMarked;
