/** Implementation details shared by the core packages. Not API: may change in any release. */
@NullMarked
package dev.wacalls.internal;

import org.jspecify.annotations.NullMarked;
