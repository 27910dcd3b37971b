/** The application's settings, bound from AIHUB_* environment variables and validated at start-up. */
@NullMarked
package io.aihub.services.config;

import org.jspecify.annotations.NullMarked;
