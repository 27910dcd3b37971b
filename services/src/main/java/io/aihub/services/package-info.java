/** The AI Hub Streams Spring Boot application. */
@NullMarked
package io.aihub.services;

import org.jspecify.annotations.NullMarked;
