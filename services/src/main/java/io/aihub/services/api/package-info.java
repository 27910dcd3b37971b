/** HTTP API plumbing shared by the controllers: RFC 9457 problem answers, validation, timestamps. */
@NullMarked
package io.aihub.services.api;

import org.jspecify.annotations.NullMarked;
